-- bench/rules/en.lua: English stand-in rules for bench/bench_rules.c (see
-- fr.lua).  The reference article is French, so these cost only their
-- language check there; they keep the rule set bilingual like the real one.
-- See LICENSE for copyright and licence.

language "en"

lexicon "titles_en" { file = "../../rules/lexicons/titles.tsv" }

entity "person after title" {
  type = "PER",
  before = { {lexicon = "titles_en"} },
  pattern = { {flags = "title", not_lexicon = "titles_en", rep = {2, 4}, name = "name"} },
  span = "name",
}

-- "Ministry of Foreign Affairs", "Ministry of Public Security".
entity "ministry" {
  type = "ORG",
  priority = 5,
  pattern = { "ministry", "of", {lower = "the", rep = "?"}, {flags = "title", rep = {1, 3}} },
}

-- "the United Nations Convention against Cybercrime".
entity "convention" {
  type = "LAW",
  priority = 4,
  pattern = { {flags = "title", rep = {0, 3}}, "convention",
              {lower = {"against", "on", "of"}}, {flags = "title", rep = {1, 3}} },
}

relation "chaired" {
  type = "presided_over",
  pattern = { {entity = "PER", rep = "+", name = "head"}, {lower = {"chaired", "presided"}},
              {lower = "over", rep = "?"}, {kind = "word", rep = {1, 4}, name = "tail"} },
}
