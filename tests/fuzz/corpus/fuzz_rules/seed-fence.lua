gazetteer { file = "/etc/passwd" }
lexicon "z" { file = "data:lexicons/titles.tsv" }
plugin { file = "x.so" }
local f = load("return x", "c", "t", {x = 1})
error({})
