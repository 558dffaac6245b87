"""The family's constants, read from include/gnl_foobar_xmpl.h (not re-typed)."""
import pathlib
import re

HEADER = pathlib.Path(__file__).resolve().parents[2] / "include" / "gnl_foobar_xmpl.h"


def _parse(text):
    values = {}
    for name, value in re.findall(r"#define\s+(GNL_FOOBAR_XMPL_\w+)\s+(\d+|\"[^\"]*\")", text):
        values[name] = value.strip('"') if value.startswith('"') else int(value)
    # A string macro continued on the next line ("\" then the literal).
    for name, value in re.findall(r"#define\s+(GNL_FOOBAR_XMPL_\w+)\s*\\\s*\n\s*\"([^\"]*)\"", text):
        values[name] = value
    for name, value in re.findall(r"\b(GNL_FOOBAR_XMPL_[CA]_\w+)\s*=\s*(\d+)", text):
        values[name] = int(value)
    return values


_values = _parse(HEADER.read_text())
globals().update({k.removeprefix("GNL_FOOBAR_XMPL_"): v for k, v in _values.items()})
