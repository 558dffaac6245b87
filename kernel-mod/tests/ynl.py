"""YNL specs as the tests read them: with PyYAML and the spec format's own rules,
independently of gnl-gen, so the tests also check what gnl-gen generated."""
import yaml


def load(path):
    """The spec at `path`; libyaml's loader where PyYAML has it (the pure-Python
    one takes seconds under TCG)."""
    return yaml.load(path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def constant_name(name):
    return name.upper().replace("-", "_")


def numbered(entries):
    """NAME -> value of attributes or commands: from 1, or on from an explicit value."""
    values, value = {}, 1
    for entry in entries:
        value = entry.get("value", value)
        values[constant_name(entry["name"])] = value
        value += 1
    return values


def constants(spec):
    """NAME -> value of the spec's consts."""
    return {constant_name(d["name"]): d["value"] for d in spec.get("definitions", []) if d["type"] == "const"}
