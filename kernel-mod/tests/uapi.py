"""The family's constants, read from its spec (specs/gnl_foobar_xmpl.yaml).

Read here with PyYAML and the spec format's own numbering rules (attributes and
commands count from 1, or on from an explicit value), independently of gnl-gen,
so the tests also check what gnl-gen generated from the same spec.
"""
import pathlib

import ynl

SPEC = pathlib.Path(__file__).resolve().parents[2] / "specs" / "gnl_foobar_xmpl.yaml"


def _read(spec):
    values = {"FAMILY_NAME": spec["name"], "FAMILY_VERSION": spec.get("version", 1)}
    values.update(ynl.constants(spec))
    for attribute_set in spec["attribute-sets"]:
        values.update({"A_" + k: v for k, v in ynl.numbered(attribute_set["attributes"]).items()})
    values.update({"C_" + k: v for k, v in ynl.numbered(spec["operations"]["list"]).items()})
    return values


globals().update(_read(ynl.load(SPEC)))
