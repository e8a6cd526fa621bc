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

-- 'extra' adds tests; a not_lexicon there is added to "titles", not put in its place.
local function word(extra)
  local t = { kind = "word", regex = UPPER, not_lexicon = "titles", not_entity = "ORG", not_regex = NOT_NAME }
  for k, v in pairs(extra or {}) do
    if k == "not_lexicon" then t[k] = { "titles", v } else t[k] = v end
  end
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

-- A known given name and a surname, with no title: "Olaf Scholz", "Mary
-- Ann Evans", "George W. Bush", "Jean-Pierre Raffarin", "Charles de
-- Gaulle". The given names come from public lists (given-names.tsv); one
-- that is also an English word (Will, Mark, Rose: given-name-words-en.tsv)
-- does not count at the start of a sentence, where its capital may be
-- only the sentence's. A given name that is also a place the gazetteers
-- know (Jordan, Paris, Florence) counts only before a surname of the
-- surname lists that is not itself in the place: "Paris Hilton", not
-- "Austin American-Statesman" or "Viet Nam". No word of the name may be a
-- title, an organization, place or event head word ("Victoria Street",
-- "George Washington University", "Stanley Cup"), a month or a word of the
-- gazetteers' organizations.
lexicon "given_names" { file = "data:lexicons/given-names.tsv" }
lexicon "given_name_words_en" { file = "data:lexicons/given-name-words-en.tsv" }
lexicon "given_name_places" { file = "data:lexicons/given-name-places.tsv" }
lexicon "surnames" { file = "data:lexicons/surnames.tsv" }
lexicon "org_final" { file = "data:lexicons/org-final-heads.tsv" }
lexicon "place_heads" { file = "data:lexicons/place-heads.tsv" }
lexicon "thing_heads" { file = "data:lexicons/thing-heads.tsv" }
lexicon "demonyms" { file = "data:lexicons/demonyms.tsv" }
local NOT_IN_NAME = { "titles", "name_stops", "org_heads", "org_final", "place_heads", "demonyms" }
local NOT_SURNAME = { "thing_heads", table.unpack(NOT_IN_NAME) }
local TITLE_CASE = "^\\p{Lu}\\p{Ll}"
local function given(extra)
  local t = { kind = "word", regex = TITLE_CASE, not_regex = NOT_NAME, not_entity = { "ORG", "LAW", "LOC" },
              not_lexicon = NOT_IN_NAME }
  for k, v in pairs(extra) do t[k] = v end
  return t
end
local GIVEN = { alt = {
  { given { lexicon = "given_names",
            not_lexicon = { "given_name_words_en", "given_name_places", table.unpack(NOT_IN_NAME) } } },
  { given { lexicon = "given_name_words_en", not_flags = "sent_start",
            not_lexicon = { "given_name_places", table.unpack(NOT_IN_NAME) } } },
} }
local GIVEN_PLACE = { kind = "word", regex = TITLE_CASE, lexicon = "given_name_places", not_regex = NOT_NAME,
                      not_entity = { "ORG", "LAW" }, not_lexicon = NOT_IN_NAME }
local SURNAME = { kind = "word", regex = UPPER, not_regex = NOT_NAME, not_entity = { "ORG", "LAW" },
                  not_lexicon = NOT_SURNAME }
local KNOWN_SURNAME = { kind = "word", regex = TITLE_CASE, lexicon = "surnames", not_regex = NOT_NAME,
                        not_entity = { "ORG", "LAW", "LOC" }, not_lexicon = NOT_SURNAME }
-- A second surname is not a given name: "Basil Smith" then "Glen ..." starts another.
local LAST_SURNAME = { kind = "word", regex = UPPER, not_regex = NOT_NAME, not_entity = { "ORG", "LAW" },
                       not_lexicon = { "given_names", table.unpack(NOT_SURNAME) } }
-- A name followed by a capitalized word is the start of a longer name
-- ("Robert C. Byrd National Aerospace Education Center", "Orlando
-- Regional Medical Center"), unless that word begins another person's.
local NAME_ENDS = { "org_final", "place_heads", "org_heads", "thing_heads" }
local INITIAL = { alt = { { { regex = "^\\p{Lu}\\.$" } }, { { regex = "^\\p{Lu}$" }, { text = ".", rep = "?" } } } }

entity "given name + surname" {
  type = "PER",
  priority = 6,
  pattern = {
    { alt = {
      { GIVEN,
        { seq = { "-", { kind = "word", regex = TITLE_CASE } }, rep = "?" },
        { alt = { { INITIAL }, { given { lexicon = "given_names" } } }, rep = { 0, 2 } },
        { alt = { { SURNAME }, { { regex = PARTICLES, rep = { 1, 2 } }, SURNAME } } } },
      { GIVEN_PLACE, KNOWN_SURNAME },
    } },
    { alt = { { "-", SURNAME }, { LAST_SURNAME } }, rep = { 0, 1 } },
    { regex = "^(?:Jr|Sr|II|III|IV)$", rep = "?" },
  },
  before = { { alt = { { { edge = "start" } }, { { not_regex = UPPER } }, { { flags = "sent_start" } },
                       { { lexicon = "titles" } } } } },
  after = { { alt = { { { edge = "end" } },
                      { { not_regex = "\\p{Lu}" } },
                      { { regex = NOT_NAME } },
                      { { lexicon = "given_names", not_lexicon = NAME_ENDS } } } } },
}

-- A family name written first, as Chinese, Korean and Vietnamese names
-- are: "Xi Jinping", "Kim Jong-un", "Moon Jae-in", "Nguyen Xuan Phuc".
-- The family names are the most common ones (family-first-surnames.tsv);
-- what follows must look like a romanized given name: one word of one or
-- two pinyin syllables, a hyphenated pair of syllables, or two or three
-- short words.
lexicon "family_first" { file = "data:lexicons/family-first-surnames.tsv" }
local PINYIN_SYLLABLE = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?" ..
  "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|er|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|ü)"
local PINYIN_GIVEN = "^(?=\\p{Lu}\\p{Ll})(?i:" .. PINYIN_SYLLABLE .. "(?:" .. PINYIN_SYLLABLE .. ")?)$"
local SYLLABLE_WORD = "^\\p{Lu}\\p{Ll}{0,4}$"
local function romanized(extra)
  local t = { kind = "word", not_entity = { "ORG", "LAW", "LOC" }, not_lexicon = NOT_SURNAME, not_regex = NOT_NAME }
  for k, v in pairs(extra) do t[k] = v end
  return t
end

entity "family name + given name" {
  type = "PER",
  priority = 6,
  pattern = {
    romanized { lexicon = "family_first", regex = TITLE_CASE },
    { alt = {
      { romanized { regex = PINYIN_GIVEN } },
      { romanized { regex = SYLLABLE_WORD }, "-", { kind = "word", regex = "^\\p{L}{1,5}$" } },
      { romanized { regex = SYLLABLE_WORD }, { seq = { romanized { regex = SYLLABLE_WORD } }, rep = { 1, 2 } } },
    } },
  },
  before = { { alt = { { { edge = "start" } }, { { not_regex = UPPER } }, { { flags = "sent_start" } },
                       { { lexicon = "titles" } } } } },
  after = { { alt = { { { edge = "end" } }, { { not_regex = "\\p{Lu}" } }, { { regex = NOT_NAME } } } } },
}
