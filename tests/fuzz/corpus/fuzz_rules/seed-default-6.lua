-- laws.lua (en): "Convention against Cybercrime", "Treaty on the
-- Non-Proliferation of Nuclear Weapons", "Treaty of Lisbon", "Paris
-- Agreement", "Kyoto Protocol", "Clean Air Act", "Civil Rights Act of
-- 1964", "Rome Statute", "United Nations Convention against Corruption".
-- A key word alone is not a name.
language "en"

lexicon "titles" { file = "data:lexicons/titles.tsv" }
lexicon "name_stops" { file = "data:lexicons/name-stops.tsv" }

local UPPER = "^\\p{Lu}"
local CAP = { kind = "word", regex = UPPER }
local KEY = { kind = "word", regex = "^(?:Convention|Conventions|Treaty|Treaties|Protocol|Covenant|Charter|Statute|Accord|Accords|Agreement|Pact)$" }
local TAIL_KEY = { kind = "word", regex = "^(?:Act|Agreement|Protocol|Treaty|Convention|Accord|Accords|Charter|Statute|Directive|Regulation|Code|Pact|Law)$" }
local CAPS = { seq = { CAP, { alt = { { CAP }, { "-", { kind = "word" } }, { { lower = { "of", "and", "the", "on", "to", "in", "for", "against" } }, CAP } }, rep = { 0, 8 } } } }

-- "(United Nations) Convention against Cybercrime", "Treaty on the Non-Proliferation ..."
entity "key word + of/on/against + name" {
  type = "LAW",
  pattern = { { entity = "ORG", rep = { 0, 4 } }, KEY,
              { lower = { "on", "against", "of", "for", "relating", "concerning" } },
              { lower = { "to", "the" }, rep = { 0, 2 } }, CAPS },
}
-- "Paris Agreement", "Kyoto Protocol", "Clean Air Act", "Civil Rights Act of 1964"
entity "name + key word" {
  type = "LAW",
  pattern = { { kind = "word", regex = UPPER, not_lexicon = "name_stops", not_entity = "PER" },
              { alt = { { CAP }, { "-", { kind = "word" } } }, rep = { 0, 5 } }, TAIL_KEY,
              { seq = { "of", { kind = "number", regex = "^(1[6-9]|20)\\d\\d$" } }, rep = "?" } },
}
