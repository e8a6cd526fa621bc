#!/bin/sh
# seeds.sh TARGET: the folders of the tree whose files are seeds of TARGET
# besides its corpus, one a line: for fuzz_rules, the default rule files,
# kept where they are rather than copied into the corpus.
# See LICENSE for copyright and licence.
case ${1:-} in
fuzz_rules) echo rules/fr; echo rules/en ;;
esac
