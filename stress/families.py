"""The families the project ships, as their specs describe them: the example's
(specs/gnl_foobar_xmpl.yaml) and each of families/<name>/<name>.yaml.

Read with the module tests' ynl.py (PyYAML and the spec format's own numbering),
so the stress tools know every command (do and dump, admin-perm or not) and every
attribute (its type, its limits, the attribute set a nest holds) without gnl-gen.
"""
import pathlib
import sys
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "kernel-mod" / "tests"))

import ynl  # noqa: E402


@dataclass
class Attribute:
    name: str
    value: int
    type: str                  # the spec's: string, binary, u32, u64, flag, nest, pad, unused, ...
    nested: str = None         # the attribute set a nest holds
    max_len: int = None        # checks: max-len (strings: not counting the NUL)
    max: int = None            # checks: max
    multi: bool = False


@dataclass
class Command:
    name: str
    value: int
    attribute_set: str
    do_attrs: list = None      # the do request's attribute names, or None without a do
    dump_attrs: list = None    # the dump request's, or None without a dump
    admin: bool = False        # admin-perm: CAP_NET_ADMIN only
    notification: bool = False


@dataclass
class Family:
    name: str
    version: int
    module: pathlib.Path
    constants: dict
    sets: dict                 # set name -> {attribute name -> Attribute}
    commands: list = field(default_factory=list)

    def command(self, name):
        return next(c for c in self.commands if c.name == name)

    @property
    def requests(self):
        """(command, dump?) of every request the family takes."""
        for c in self.commands:
            if c.do_attrs is not None:
                yield c, False
            if c.dump_attrs is not None:
                yield c, True


def _limit(spec, checks, key):
    value = (checks or {}).get(key)
    if isinstance(value, str):  # a constant's name
        value = ynl.constants(spec)[ynl.constant_name(value)]
    return value


def _family(spec_path, module):
    spec = ynl.load(spec_path)
    sets = {}
    for attribute_set in spec["attribute-sets"]:
        numbers = ynl.numbered(attribute_set["attributes"])
        sets[attribute_set["name"]] = {
            a["name"]: Attribute(
                a["name"], numbers[ynl.constant_name(a["name"])], a["type"], a.get("nested-attributes"),
                _limit(spec, a.get("checks"), "max-len"), _limit(spec, a.get("checks"), "max"),
                bool(a.get("multi-attr")))
            for a in attribute_set["attributes"]}
    family = Family(spec["name"], spec.get("version", 1), module, ynl.constants(spec), sets)
    numbers = ynl.numbered(spec["operations"]["list"])
    for op in spec["operations"]["list"]:
        def request_attrs(kind):
            if kind not in op:
                return None
            return list((op[kind].get("request") or {}).get("attributes", []))
        family.commands.append(Command(
            op["name"], numbers[ynl.constant_name(op["name"])], op.get("attribute-set"),
            request_attrs("do"), request_attrs("dump"), "admin-perm" in op.get("flags", []),
            "notify" in op or "event" in op))
    return family


def shipped():
    """Every family the project ships, the example first."""
    families = [_family(ROOT / "specs" / "gnl_foobar_xmpl.yaml", ROOT / "kernel-mod" / "gnl_foobar_xmpl.ko")]
    for spec in sorted(ROOT.glob("families/*/*.yaml")):
        if spec.stem == spec.parent.name:
            families.append(_family(spec, spec.parent / "kernel" / f"{spec.stem}.ko"))
    return families
