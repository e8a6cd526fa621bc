#!/usr/bin/env python3
# apiref.py: docs/api-reference.md from the public headers' comments: each
# declaration (function, type, macro block) with the comment just above it,
# in header order.  Usage: python3 scripts/apiref.py > docs/api-reference.md
# See LICENSE for copyright and licence.
import re
import sys

HEADERS = ["include/entrel.h", "include/entrel_plugin.h"]


def clean_comment(text):
    lines = []
    for line in text.strip().splitlines():
        line = re.sub(r"^\s*/?\*+/?\s?", "", line).rstrip()
        line = re.sub(r"\s*\*/$", "", line)
        lines.append(line)
    return "\n".join(lines).strip()


def items(path):
    """(comment, declaration) pairs: a comment, then the code up to a blank line or the next comment."""
    text = open(path, encoding="utf-8").read()
    body = text.split("extern \"C\" {\n#endif", 1)[-1]
    blocks = re.split(r"\n\s*\n", body)
    for block in blocks:
        block = block.strip("\n")
        rule = r"/\* -+ \*/\n/\* (.*?)\s*\*/\n/\* -+ \*/\n?"
        sec = re.match(rule, block)
        if sec:                           # a section: its title, then what follows it
            yield ("section", sec.group(1))
            block = block[sec.end():].strip("\n")
            if not block:
                continue
        m = re.match(r"\s*(/\*.*?\*/)\s*(.*)", block, re.S)
        comment, code = (m.group(1), m.group(2)) if m else ("", block)
        code = code.strip()
        if not code or code.startswith("#ifdef __cplusplus") or code.startswith("#endif") \
                or code.startswith("}") or "_H" in code.split("\n")[0]:
            continue
        yield (clean_comment(comment) if comment else "", code)


def main():
    out = ["# C API reference", "",
           "Made from the comments of `include/entrel.h` and `include/entrel_plugin.h` by",
           "`scripts/apiref.py`; `make test` checks that it is up to date.", ""]
    for path in HEADERS:
        out += ["## " + path.split("/")[-1], ""]
        for comment, code in items(path):
            if comment == "section":
                out += ["### " + code, ""]
                continue
            if comment:
                out += [comment, ""]
            out += ["```c", code, "```", ""]
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
