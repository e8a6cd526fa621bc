-- organizations.lua (fr): ministries, bodies of an international
-- organization ("Office des Nations Unies contre ..."), permanent missions
-- and embassies, named bodies ("Banque de France"), and a long form
-- followed by its acronym in parentheses when the initials agree.
language "fr"

lexicon "org_heads" { file = "data:lexicons/org-heads.tsv" }
lexicon "name_stops" { file = "data:lexicons/name-stops.tsv" }
lexicon "fr_function_words" { file = "data:lexicons/fr-function-words.tsv" } lexicon "fr_org_head_stops" { file = "data:lexicons/fr-org-head-stops.tsv" }
-- Tests are atoms and lexicons, not regexes (PCRE2 on each token met), but for adjective endings.
-- cap(t): t and "^\\p{Lu}", a first letter in upper case: a title-case or all-capital word
-- not led by a digit (5G), or a mixed one (McDonald); cap(t, true), for a first token, no mixed.
local DIGIT_CAP, MIXED = { "dX", "dXX", "dXXX", "dXXXX", "ddX", "ddXX", "ddXXX", "ddXXXX" }, {}
for b = 1, 4 do for d = 1, 4 do MIXED[#MIXED + 1] = "X" .. ("x"):rep(b) .. "X" .. ("x"):rep(d) end MIXED[#MIXED + 1] = "X'X" .. ("x"):rep(b) MIXED[#MIXED + 1] = "X’X" .. ("x"):rep(b) end
local function cap(t, first)
  local alts = {}
  for i, x in ipairs { { flags = "title", not_shape = DIGIT_CAP }, { flags = "upper", not_shape = DIGIT_CAP }, first and {} or { shape = MIXED } } do
    if next(x) then local e = {} for k, v in pairs(t) do e[k] = v end for k, v in pairs(x) do e[k] = v end alts[i] = { e } end
  end
  return { alt = alts }
end
local CAP, LOWER, FUNC = cap { kind = "word" }, { "xx", "xxx", "xxxx" }, "fr_function_words"
-- a lower-case adjective by its ending (publique, étrangères, national, intérieure, vietnamien)
local ADJ = { kind = "word", regex = "^\\p{Ll}[\\p{Ll}-]*(ique|iques|ale|ales|al|aux|ère|ères|ière|ières|ier|iers|elle|elles|el|els|ienne|iennes|ien|iens|aire|aires|eure|eures|eur|eurs|ée|ées|é|és|ive|ives|if|ifs|aise|aises|ais|ois|oise|oises|aine|aines|ain|ains|ile|iles|ne|nes)$",
              shape = LOWER, not_lexicon = FUNC }
local NOUN = { kind = "word", shape = LOWER, not_lexicon = FUNC }
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
local HEAD = { alt = { { { lexicon = "org_heads", flags = "title" } }, { { lexicon = "org_heads", flags = "upper" } },
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
  pattern = { { alt = { { { lexicon = "org_heads", flags = "title", not_lexicon = "fr_org_head_stops" } },
                        { { lexicon = "org_heads", flags = "upper", not_lexicon = "fr_org_head_stops" } } } },
              -- not "Mission de", "Hôtel de", "Tour de", "Union de":
              -- their head words are in fr-org-head-stops.tsv
              { seq = { ADJ }, rep = "?" }, DE,
              cap { kind = "word", not_lexicon = "name_stops", not_entity = "PER" },
              { alt = { { cap { kind = "word", not_entity = "PER" } }, { "-", CAP } }, rep = { 0, 3 } } },
}

-- "Conseil national", "Banque nationale suisse", "Parti socialiste", "Assemblée
-- fédérale", "Société des nations": a capitalized head word and its lower-case
-- adjectives, or de and a lower-case noun with its adjectives
-- (an adjective, not a past participle: "le Conseil national chargé de ...")
-- Not a generic body of which every commune, company or association has
-- one ("le Conseil général", "l'Assemblée générale", "la Commission
-- technique", "le Conseil d'administration"). A regex, not a lexicon: the
-- rule files share 32 lexicons, and only this rule asks.
local GENERIC = "^(?:général|générale|généraux|générales|communal|communale|communaux|municipal|municipale|municipaux|technique|techniques|consultatif|consultative|administratif|administrative|permanent|permanente|spécial|spéciale|paritaire|mixte|scientifique|restreint|restreinte|plénière|extraordinaire|ordinaire|administration|direction|surveillance|presse|gestion|discipline|rédaction|tarifs|experts|fondation|classe|quartier)$"
local STOPS = { "fr_org_head_stops", "name_stops" }
local ORG_HEAD = { alt = { { { lexicon = "org_heads", flags = "title", not_lexicon = STOPS } },
                           { { lexicon = "org_heads", flags = "upper", not_lexicon = STOPS } } } }
local ADJ_NOT_PARTICIPLE = { kind = "word", shape = LOWER, not_lexicon = FUNC, not_regex = GENERIC,
  regex = "^\\p{Ll}[\\p{Ll}-]*(ique|iques|ale|ales|al|aux|ère|ères|ière|ières|ier|iers|elle|elles|el|els|ienne|iennes|ien|iens|aire|aires|eure|eures|eur|eurs|ive|ives|if|ifs|aise|aises|ais|ois|oise|oises|aine|aines|ain|ains|ile|iles|ne|nes|se|ses|iste|istes)$" }
entity "Head + adjective" {
  type = "ORG",
  priority = 3,
  pattern = { ORG_HEAD, { alt = { { { seq = { ADJ_NOT_PARTICIPLE }, rep = { 1, 2 } } },
                                  { DE, { kind = "word", shape = LOWER, not_lexicon = FUNC, not_regex = GENERIC },
                                    { seq = { ADJ_NOT_PARTICIPLE }, rep = { 0, 2 } } } } } },
}

-- A long form and its acronym: "Agence nationale de la sécurité des
-- systèmes d'information (ANSSI)". The acronym's letters must be initials
-- of the long form's words, in order, the first one first (is_acronym).
local LONG = { HEAD, { alt = { { { kind = "word" } }, { "-" } }, rep = { 1, 12 } } }
local ACR = { kind = "word", flags = "upper", not_shape = { "X", "X'", "X’", "dX", "dXX", "dXXX", "dXXXX", "ddX", "ddXX", "ddXXX", "ddXXXX" } }
entity "long form (ACRONYM)" {
  type = "ORG",
  priority = 4,
  pattern = { { seq = LONG, name = "long" }, "(", { seq = { ACR }, name = "acr" }, ")" },
  span = "long",
  -- one match, two entities: the long form it spans and the acronym
  action = function(m)
    if not is_acronym(m.acr.text, m.long.text) then return false end
    add_entity { type = "ORG", span = m.acr }
  end,
}
