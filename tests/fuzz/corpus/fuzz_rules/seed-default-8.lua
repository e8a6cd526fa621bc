-- people.lua (en): persons after a title, a role, an honorific or an
-- occupation; persons before a reporting verb or an appositive role.
-- Rules are general: no name of a given person is written here.
language "en"

lexicon "titles" { file = "data:lexicons/titles.tsv" }
lexicon "ambiguous_titles" { file = "data:lexicons/ambiguous-titles.tsv" }
lexicon "occupations" { file = "data:lexicons/occupations.tsv" }
lexicon "name_stops" { file = "data:lexicons/name-stops.tsv" }
lexicon "org_heads" { file = "data:lexicons/org-heads.tsv" }

-- Lists given to lower/fold stay short (longer ones crash the loader);
-- longer lists are case-insensitive regexes.
local function words(list)
  local t = {}
  for i, w in ipairs(list) do t[i] = w:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?|\\{}]", "\\%0"):gsub("'", "['’]") end
  return "^(?i:" .. table.concat(t, "|") .. ")$"
end
local UPPER = "^\\p{Lu}"
local PARTICLES = words { "de", "du", "des", "d'", "da", "das", "do", "dos", "di", "del", "della",
  "van", "von", "der", "den", "ter", "ten", "bin", "ben", "ibn", "al", "el", "la", "le",
  "y", "zu", "af", "bint", "abu", "ould", "ag", "ba", "mac" }
local NOT_NAME = words { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "january", "february", "march", "april", "june", "july", "august", "september", "october",
  "november", "december", "the", "a", "an" }

local function word(extra)
  local t = { kind = "word", regex = UPPER, not_lexicon = "titles", not_entity = "ORG", not_regex = NOT_NAME }
  for k, v in pairs(extra or {}) do t[k] = v end
  return t
end
local function name(min_more, first_extra, more_extra)
  return {
    word(first_extra),
    { alt = {
        { word(more_extra) },
        { "-", { kind = "word", regex = "^\\p{L}" } },
        { { regex = PARTICLES, rep = { 1, 2 } },
          { kind = "word", regex = UPPER, not_entity = { "ORG", "LOC" }, not_lexicon = "titles" } },
        { { regex = PARTICLES }, "-", { kind = "word", regex = UPPER } },
      }, rep = { min_more, 5 } },
  }
end

-- "Secretary-General of the United Nations António Guterres", "Ambassador to France Jane Hartley"
local PREP = { alt = { { { regex = words { "of", "to", "for", "at", "in" } }, { lower = "the", rep = "?" } } } }
local COMPLEMENT = { seq = { PREP, { entity = { "ORG", "LOC" }, rep = { 1, 4 } } }, rep = { 1, 2 } }

-- "Ambassador Vu Le Thai Hoang", "Mr Smith", "Foreign Minister Wang Yi"
entity "title + name" {
  type = "PER",
  before = { { lexicon = "titles", not_lexicon = "ambiguous_titles", not_entity = "ORG" } },
  pattern = name(0),
}
entity "title + complement + name" {
  type = "PER",
  before = { { lexicon = "titles", not_entity = "ORG" }, COMPLEMENT, { text = ",", rep = "?" } },
  pattern = name(1, { not_entity = { "ORG", "LOC" } }),
}
-- "Judge Mary Smith", "Chair Jerome Powell": a title that is also a common word wants two name words
entity "ambiguous title + name" {
  type = "PER",
  before = { { lexicon = "ambiguous_titles", not_entity = "ORG" } },
  pattern = name(1, { not_lexicon = "org_heads" }, { not_lexicon = "org_heads" }),
}
-- "the interior minister, Jane Doe, said"
entity "title, name," {
  type = "PER",
  before = { { lexicon = "titles", not_entity = "ORG" }, "," },
  pattern = name(1),
  after = { { text = { ",", "(" } } },
}
-- "People's Artist Xuan Bac", "journalist Jane Doe"
entity "occupation + name" {
  type = "PER",
  before = { { lexicon = "occupations", not_entity = "ORG" } },
  pattern = name(1, { not_lexicon = "occupations" }, { not_lexicon = "org_heads" }),
}

-- Without a title: two to four capitalized words, none in the gazetteers'
-- entities nor an organization head word, before a reporting verb or an
-- appositive role.
local BARE = { kind = "word", regex = UPPER, not_entity = { "ORG", "LOC", "LAW" }, not_lexicon = "org_heads" }
local BARE_FIRST = { kind = "word", regex = UPPER, not_entity = { "ORG", "LOC", "LAW" }, not_lexicon = "name_stops",
  not_regex = words { "president", "minister", "prime", "secretary", "director", "general", "chief",
    "ambassador", "spokesman", "spokeswoman", "saint", "st", "st.", "lake", "mount", "cape", "gulf",
    "island", "street", "avenue", "convention", "treaty", "act", "protocol", "agreement", "charter",
    "code", "statute", "regulation", "directive", "new", "north", "south", "east", "west", "united",
    "national", "international", "federal", "european", "world", "global", "royal" } }
local function bare_name()
  return { BARE_FIRST,
           { alt = { { BARE }, { "-", { kind = "word", regex = UPPER } },
                     { { regex = PARTICLES, rep = { 1, 2 } }, BARE } },
             rep = { 1, 3 } } }
end
local REPORT = words { "said", "says", "told", "added", "noted", "stressed", "warned", "explained",
  "announced", "argued", "wrote", "insisted", "confirmed", "denied", "claimed", "admitted",
  "acknowledged", "urged", "tweeted", "posted", "recalled", "replied", "testified" }

entity "name + reporting verb" {
  type = "PER",
  priority = 5,
  pattern = bare_name(),
  after = { { regex = REPORT } },
}
entity "reporting verb + name" {
  type = "PER",
  priority = 5,
  before = { { regex = words { "said", "says", "according", "added", "wrote", "told" } }, { lower = "to", rep = "?" } },
  pattern = bare_name(),
  after = { { text = { ",", ".", ";", "(", "!", "?", "\"", "”" } } },
}
entity "name, role" {
  type = "PER",
  priority = 5,
  pattern = bare_name(),
  after = { ",", { regex = words { "the", "a", "former", "new", "acting", "deputy" }, rep = "?" },
            { entity = { "ORG", "LOC" }, rep = { 0, 4 } }, { lexicon = "titles", not_lexicon = "name_stops" } },
}
