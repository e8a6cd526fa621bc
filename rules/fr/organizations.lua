-- organizations.lua (fr): ministries, bodies of an international
-- organization ("Office des Nations Unies contre ..."), permanent missions
-- and embassies, named bodies ("Banque de France"), and a long form
-- followed by its acronym in parentheses when the initials agree.
language "fr"

local function lex(name, file)
  local ok, err = pcall(lexicon(name), { file = file })
  if not ok and not tostring(err):find("declared twice", 1, true) then error(err, 2) end
end
lex("org_heads", "../lexicons/org-heads.tsv")
lex("name_stops", "../lexicons/name-stops.tsv")

-- Lists given to lower/fold stay under 16 values (longer ones crash the
-- loader); longer lists are case-insensitive regexes.
local function words(list)
  local t = {}
  for i, w in ipairs(list) do t[i] = w:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?|\\{}]", "\\%0"):gsub("'", "['’]") end
  return "^(?i:" .. table.concat(t, "|") .. ")$"
end

local UPPER = "^\\p{Lu}"
local CAP = { kind = "word", regex = UPPER }
local FUNC = words { "le", "la", "les", "l'", "de", "du", "des", "d'", "et", "ou", "à", "au", "aux",
  "en", "un", "une", "a", "est", "sont", "ont", "été", "qui", "que", "qu'", "ne", "n'", "se",
  "s'", "sa", "son", "ses", "ce", "cette", "par", "pour", "sur", "dans", "avec", "contre", "y" }
-- a lower-case adjective by its ending (publique, étrangères, national, intérieure, vietnamien)
local ADJ = { kind = "word", regex = "^\\p{Ll}[\\p{Ll}-]*(ique|iques|ale|ales|al|aux|ère|ères|ière|ières|ier|iers|elle|elles|el|els|ienne|iennes|ien|iens|aire|aires|eure|eures|eur|eurs|ée|ées|é|és|ive|ives|if|ifs|aise|aises|ais|ois|oise|oises|aine|aines|ain|ains|ile|iles|ne|nes)$",
              not_regex = FUNC }
local NOUN = { kind = "word", regex = "^\\p{Ll}[\\p{Ll}-]+$", not_regex = FUNC }
local DE = { alt = { { { fold = { "de", "du", "des", "d'" } } }, { "de", { fold = { "la", "l'" } } } } }
local ART = { fold = { "la", "le", "les", "l'" } }

-- "ministère de la Sécurité publique", "ministère de l'Europe et des
-- Affaires étrangères", "ministère chinois des Affaires étrangères"
local DEPT = { seq = { DE, CAP, { alt = { { ADJ }, { CAP } }, rep = { 0, 2 } } } }
entity "ministère de X" {
  type = "ORG",
  priority = 5,
  pattern = { { fold = { "ministere" } }, { seq = { ADJ }, rep = "?" }, DEPT,
              { seq = { { text = { ",", "et" } }, DEPT }, rep = { 0, 3 } } },
}

-- "Office des Nations Unies contre la drogue et le crime", "Bureau des
-- affaires juridiques des Nations Unies", "Haut-Commissariat des Nations
-- Unies pour les réfugiés": a head word, words, then an organization.
local HEAD = { alt = { { { lexicon = "org_heads", regex = UPPER } },
                       { { fold = { "haut", "haute" } }, "-", { kind = "word" } } } }
local PHRASE = { seq = { { lower = { "contre", "pour" } }, ART, NOUN, { seq = { ADJ }, rep = "?" },
                         { seq = { "et", ART, NOUN, { seq = { ADJ }, rep = "?" } }, rep = "?" } } }
entity "body of an organization" {
  type = "ORG",
  priority = 5,
  pattern = { HEAD, { seq = { ADJ }, rep = { 0, 2 } },
              { seq = { DE, { seq = { ART }, rep = "?" }, NOUN, { seq = { ADJ }, rep = "?" } }, rep = { 0, 2 } },
              DE, { entity = "ORG", rep = { 1, 8 } }, { seq = { PHRASE }, rep = "?" } },
}

-- "mission permanente du Vietnam auprès des Nations Unies", "ambassade de
-- France au Vietnam", "consulat général du Japon à Marseille"
local PLACE = { alt = { { { entity = { "LOC", "ORG" }, rep = { 1, 6 } } }, { { seq = { CAP }, rep = { 1, 3 } } } } }
entity "mission or embassy" {
  type = "ORG",
  priority = 5,
  pattern = {
    { alt = { { "mission", { lower = { "permanente", "diplomatique" } } }, { "ambassade" },
              { "consulat", { seq = { "général" }, rep = "?" } } } },
    DE, PLACE,
    { alt = {
        { "auprès", DE, { entity = "ORG", rep = { 1, 8 } },
          { seq = { "et", { fold = { "des", "d'" } }, { lower = { "autres" }, rep = "?" },
                    "organisations", "internationales" }, rep = "?" } },
        { { lower = { "au", "aux", "en" } }, { entity = "LOC", rep = { 1, 6 } } },
      }, rep = "?" },
    { seq = { "à", { entity = "LOC", rep = { 1, 6 } } }, rep = "?" },
  },
}

-- "Banque de France", "Conseil d'État": a capitalized head word and
-- capitalized words after de/du/des.
entity "head word de Name" {
  type = "ORG",
  priority = 3,
  pattern = { { lexicon = "org_heads", regex = UPPER,
                not_regex = words { "mission", "délégation", "service", "direction", "division", "force",
                             "forces", "front", "union", "hôtel", "restaurant", "café", "aéroport", "stade",
                             "musée", "église", "cathédrale", "palais", "tour", "pont", "gare" } },
              { seq = { ADJ }, rep = "?" }, DE,
              { kind = "word", regex = UPPER, not_lexicon = "name_stops", not_entity = "PER" },
              { alt = { { { kind = "word", regex = UPPER, not_entity = "PER" } }, { "-", CAP } }, rep = { 0, 3 } } },
}

-- A long form and its acronym: "Agence nationale de la sécurité des
-- systèmes d'information (ANSSI)". The acronym's letters must be initials
-- of the long form's words, in order, the first one first.
local ACCENT = { ["é"] = "e", ["è"] = "e", ["ê"] = "e", ["É"] = "e", ["È"] = "e", ["à"] = "a",
  ["â"] = "a", ["À"] = "a", ["î"] = "i", ["Î"] = "i", ["ô"] = "o", ["Ô"] = "o", ["û"] = "u",
  ["ç"] = "c", ["Ç"] = "c" }
local function initials(text)
  local out = {}
  for w in text:gmatch("[^%s%-']+") do
    local c = w:match("^[%z\1-\127\194-\244][\128-\191]*")
    out[#out + 1] = (ACCENT[c] or c):lower()
  end
  return out
end
local function acronym_fits(m)
  if not m.long or not m.acr then return false end
  local acr = m.acr.text:gsub("[^%a]", ""):lower()
  local ini = initials(m.long.text)
  if #acr < 2 or #ini < 2 or acr:sub(1, 1) ~= ini[1] then return false end
  local j = 1
  for i = 1, #ini do
    if ini[i] == acr:sub(j, j) then j = j + 1 end
    if j > #acr then return true end
  end
  return false
end
local LONG = { HEAD, { alt = { { { kind = "word" } }, { "-" } }, rep = { 1, 12 } } }
local ACR = { kind = "word", regex = "^\\p{Lu}[\\p{Lu}\\p{N}&.-]+$" }
entity "long form (ACRONYM)" {
  type = "ORG",
  priority = 4,
  pattern = { { seq = LONG, name = "long" }, "(", { seq = { ACR }, name = "acr" }, ")" },
  span = "long",
  action = acronym_fits,
}
entity "long form (ACRONYM): the acronym" {
  type = "ORG",
  priority = 4,
  pattern = { { seq = LONG, name = "long" }, "(", { seq = { ACR }, name = "acr" }, ")" },
  span = "acr",
  action = acronym_fits,
}
