-- laws.lua (fr): conventions, treaties, agreements, protocols, pacts,
-- charters, statutes, codes, regulations, directives and laws named by a
-- capitalized key word and what follows it: "Convention de Budapest",
-- "Convention des Nations Unies contre la cybercriminalité", "Traité sur la
-- non-prolifération des armes nucléaires", "Convention relative aux droits
-- de l'enfant", "loi n° 2021-1109". A key word alone is not a name.
language "fr"

local function words(list)
  local t = {}
  for i, w in ipairs(list) do t[i] = w:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?|\\{}]", "\\%0"):gsub("'", "['’]") end
  return "^(?i:" .. table.concat(t, "|") .. ")$"
end

local UPPER = "^\\p{Lu}"
local FUNC = words { "le", "la", "les", "l'", "de", "du", "des", "d'", "et", "ou", "à", "au", "aux",
  "en", "un", "une", "a", "est", "sont", "ont", "été", "qui", "que", "qu'", "ne", "n'", "se",
  "s'", "sa", "son", "ses", "ce", "cette", "par", "pour", "sur", "dans", "avec", "contre", "y",
  "elle", "il", "ils", "elles", "lors", "afin", "depuis" }
local ADJ = { kind = "word", regex = "^\\p{Ll}[\\p{Ll}-]*(ique|iques|ale|ales|al|aux|ère|ères|ière|ières|ier|iers|elle|elles|el|els|ienne|iennes|ien|iens|aire|aires|eure|eures|eur|eurs|ée|ées|é|és|ive|ives|if|ifs|aise|aises|ais|ois|oise|aine|aines|ain|ains|ile|iles|ne|nes|se|ses|és)$",
              not_regex = FUNC }
-- a noun: a lower-case word, not a function word, not an infinitive
local NOUN = { kind = "word", regex = "^\\p{Ll}[\\p{Ll}]+$", not_regex = FUNC }
local NOUNX = { seq = { NOUN, { seq = { "-", { kind = "word", regex = "^\\p{Ll}" } }, rep = { 0, 2 } } } }
local ART = { fold = { "la", "le", "les", "l'" } }
local DE = { alt = { { { fold = { "de", "du", "des", "d'" } } }, { "de", { fold = { "la", "l'" } } } } }

local KEY = { kind = "word",
              regex = "^(?=\\p{Lu})(?i:convention|conventions|traité|traités|accord|accords|protocole|pacte|charte|statut|code|règlement|directive|loi)$" }

-- "de Budapest", "des Nations Unies", "de l'OTAN", "de Vienne"
local NAMED = { seq = { DE, { alt = {
  { { entity = { "LOC", "ORG" }, rep = { 1, 6 } } },
  { { kind = "word", regex = UPPER, not_fold = { "convention", "traite", "loi" } }, { seq = { { kind = "word", regex = UPPER } }, rep = { 0, 2 } } },
} } } }
-- "contre la cybercriminalité", "sur la diversité biologique", "relative
-- aux droits de l'enfant", "pour la protection des données"
local HEADPREP = { alt = {
  { { lower = { "contre", "sur", "concernant" } } },
  { { lower = { "relative", "relatif", "relatives", "relatifs" } }, { lower = { "à", "au", "aux" } } },
  { "portant", "sur" },
  { "pour", { fold = { "la", "le", "les", "l'" } } },
} }
local NP = { seq = { { seq = { ART }, rep = "?" }, NOUNX, { seq = { ADJ }, rep = { 0, 2 } },
                     { seq = { "et", ADJ }, rep = "?" } } }
local PHRASE = { seq = { HEADPREP, NP, { seq = { DE, NP }, rep = { 0, 2 } } } }

entity "key word + name or subject" {
  type = "LAW",
  pattern = { KEY, { seq = { "-", { fold = "cadre" } }, rep = "?" }, { seq = { ADJ }, rep = { 0, 2 } },
              { alt = { { NAMED, { seq = { PHRASE }, rep = "?" } }, { PHRASE } } } },
}

-- "Convention européenne des droits de l'homme", "Code pénal", "Code du travail"
entity "key word + adjective" {
  type = "LAW",
  pattern = { KEY, { seq = { "-", { fold = "cadre" } }, rep = "?" }, ADJ, { seq = { ADJ }, rep = "?" },
              { seq = { DE, NP }, rep = { 0, 2 } } },
  action = function(m) return not m.text:find("^[Aa]ccords? ") end,
}
entity "Code du/de la X" {
  type = "LAW",
  pattern = { { kind = "word", regex = UPPER, fold = "code" }, DE, NOUN, { seq = { ADJ }, rep = "?" } },
}

-- "loi n° 2021-1109", "loi Evin", "la loi Informatique et libertés"
entity "loi + number or name" {
  type = "LAW",
  before = { { fold = { "la", "une", "cette", "nouvelle", "de", "d'" } } },
  pattern = { { fold = "loi" }, { alt = {
    { { fold = { "n°", "no", "nº", "n" } }, { text = { "°", "." }, rep = "?" }, { kind = "number" },
      { seq = { "-", { kind = "number" } }, rep = "?" } },
    { { kind = "word", regex = UPPER, not_entity = { "ORG", "LOC" } }, { seq = { { kind = "word", regex = UPPER } }, rep = { 0, 1 } } },
  } } },
}
