-- organizations.lua (en): ministries and departments ("Ministry of Public
-- Security", "Department of Justice"), bodies of an organization ("United
-- Nations Office on Drugs and Crime", "Office of Legal Affairs of the
-- United Nations"), permanent missions and embassies, and a long form
-- followed by its acronym in parentheses when the initials agree.
language "en"

lexicon "org_heads" { file = "data:lexicons/org-heads.tsv" }
lexicon "name_stops" { file = "data:lexicons/name-stops.tsv" }

local UPPER = "^\\p{Lu}"
local CAP = { kind = "word", regex = UPPER }
local CAPS = { seq = { CAP, { alt = { { CAP }, { "-", CAP }, { "and", CAP }, { "&", CAP } }, rep = { 0, 4 } } } }
local OF = { alt = { { { lower = { "of", "for", "on" } }, { lower = "the", rep = "?" } } } }

-- "Ministry of Public Security", "Ministry of Foreign Affairs of Vietnam",
-- "Department of Homeland Security", "Ministry for Europe and Foreign Affairs"
entity "Ministry of X" {
  type = "ORG",
  priority = 5,
  pattern = { { lower = { "ministry", "department", "secretariat", "directorate" }, regex = UPPER },
              OF, CAPS, { seq = { { lower = { "of", "in" } }, { lower = "the", rep = "?" }, { entity = "LOC", rep = { 1, 5 } } }, rep = "?" } },
}
-- "UNODC's Office of Legal Affairs"... "Office of Legal Affairs of the United Nations",
-- "Security Council of the United Nations", "General Assembly of the United Nations"
entity "body of an organization" {
  type = "ORG",
  priority = 5,
  pattern = { { seq = { { kind = "word", regex = UPPER, not_lexicon = "name_stops" } }, rep = { 0, 3 } },
              { lexicon = "org_heads", regex = UPPER },
              { seq = { OF, CAPS }, rep = "?" }, OF, { entity = "ORG", rep = { 1, 8 } } },
}
-- "United Nations Office on Drugs and Crime", "UN Development Programme",
-- "European Union Agency for Cybersecurity": an organization, capitalized
-- words ending with a head word, then "on/for/against Capitalized words".
entity "organization + body" {
  type = "ORG",
  priority = 5,
  pattern = { { entity = "ORG", rep = { 1, 6 } }, { seq = { CAP }, rep = { 0, 3 } },
              { lexicon = "org_heads", regex = UPPER, not_entity = "ORG" },
              { seq = { { lower = { "on", "for", "against", "of" } }, { lower = "the", rep = "?" }, CAPS }, rep = "?" } },
}
-- "Permanent Mission of Viet Nam to the United Nations", "Embassy of France in Hanoi"
entity "mission or embassy" {
  type = "ORG",
  priority = 5,
  pattern = { { alt = { { { lower = "permanent" }, { lower = "mission" } }, { { lower = { "embassy", "consulate" } } } } },
              OF, { alt = { { { entity = { "LOC", "ORG" }, rep = { 1, 6 } } }, { CAPS } } },
              { seq = { { lower = { "to", "in" } }, { lower = "the", rep = "?" }, { entity = { "ORG", "LOC" }, rep = { 1, 8 } } }, rep = { 0, 2 } } },
}

-- A long form and its acronym: "Cybersecurity and Infrastructure Security
-- Agency (CISA)". The acronym's letters are initials of the long form's
-- words, in order, the first one first (is_acronym).
-- capitalized words, with of/on/for/and/the between them, the last a head word
local LONG = { { kind = "word", regex = UPPER, not_lexicon = "name_stops" }, { alt = { { CAP }, { "-", CAP }, { { lower = { "of", "on", "for", "and", "against", "the", "to", "&" } }, CAP } }, rep = { 0, 10 } } }
local ACR = { kind = "word", regex = "^\\p{Lu}[\\p{Lu}\\p{N}&.-]+$" }
entity "long form (ACRONYM)" {
  type = "ORG",
  priority = 4,
  pattern = { { seq = LONG, name = "long" }, "(", { seq = { ACR }, name = "acr" }, ")" },
  span = "long",
  -- one match, two entities: the long form it spans and the acronym
  action = function(m)
    if not (is_acronym(m.acr.text, m.long.text) and m.long.text:find("%s") ~= nil) then return false end
    add_entity { type = "ORG", span = m.acr }
  end,
}

-- Companies and bodies named by their last word ------------------------------
lexicon "org_suffixes" { file = "data:lexicons/org-suffixes.tsv" }
lexicon "org_final" { file = "data:lexicons/org-final-heads.tsv" }
lexicon "titles" { file = "data:lexicons/titles.tsv" }

-- a name's first word: capitalized, not a function word, a title or a person already;
-- a sentence's first word only when the next word is capitalized too ("Shares of X")
local FIRST_AT_START = { kind = "word", regex = UPPER, flags = "sent_start", not_lexicon = { "name_stops", "titles" }, not_entity = "PER" }
local FIRST_INSIDE = { kind = "word", regex = UPPER, not_flags = "sent_start", not_lexicon = { "name_stops", "titles" }, not_entity = "PER" }
local NAME1 = { alt = { { FIRST_INSIDE }, { FIRST_AT_START, { kind = "word", regex = UPPER } } } }
-- where the context says it is a company, any capitalized word will do
local ANY_FIRST = { kind = "word", regex = UPPER, not_lexicon = { "name_stops", "titles" }, not_entity = "PER" }
local NAMEW = { alt = { { CAP }, { "-", CAP }, { "&", CAP }, { { lower = { "and", "of", "for", "de" } }, CAP },
                        { kind = "number" } } }

-- "Newmont Mining Corp", "Salomon Brothers Inc.", "Munich Re AG", "Procter & Gamble Co."
entity "name + legal form" {
  type = "ORG",
  priority = 6,
  pattern = { NAME1, { seq = { NAMEW }, rep = { 0, 4 } }, { text = ",", rep = "?" },
              { lexicon = "org_suffixes" } },
}
-- "Harvard University", "Labour Party", "Montreal Hockey Club", "Xinhua News Agency",
-- "Major League Baseball", "BBC Radio 1", "Watson School of Biological Sciences":
-- capitalized words with a head word among them, and what names it after
local HEAD = { lexicon = "org_final", regex = UPPER, not_lexicon = "titles" }
local AFTER_HEAD = { alt = { { CAP }, { kind = "number" } } }
local OF_NAME = { seq = { { lower = { "of", "for" } }, { lower = "the", rep = "?" },
                          { alt = { { { entity = { "LOC", "ORG" }, rep = { 1, 5 } } }, { CAPS } } } } }
entity "name + head word" {
  type = "ORG",
  priority = 5,
  pattern = { NAME1, { seq = { NAMEW }, rep = { 0, 4 } }, HEAD, { seq = { AFTER_HEAD }, rep = { 0, 2 } },
              { seq = { OF_NAME }, rep = "?" } },
}
-- "University of Pittsburgh", "Bank of England": the head word first
entity "head word of name" {
  type = "ORG",
  priority = 5,
  pattern = { HEAD, OF_NAME },
}
-- "shares of X", "X's chief executive": a company by what news says of it
entity "shares of name" {
  type = "ORG",
  priority = 4,
  before = { { lower = { "shares", "stake", "subsidiary", "unit" } }, { lower = { "of", "in" } } },
  pattern = { ANY_FIRST, { seq = { CAP }, rep = { 0, 3 } } },
}
entity "name's chief executive" {
  type = "ORG",
  priority = 4,
  pattern = { ANY_FIRST, { seq = { CAP }, rep = { 0, 3 } } },
  after = { { text = { "'s", "’s" } }, { lower = { "chief", "ceo", "chairman", "chairwoman", "shares", "board", "shareholders", "spokesman", "spokeswoman", "subsidiary" } } },
}
