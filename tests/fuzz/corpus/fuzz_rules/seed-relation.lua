relation "r" { type = "presided_over", pattern = { {entity = "PER", rep = "+", name = "head"}, {lower = {"a", "ont"}}, "présidé", {kind = "word", rep = {1, 4}, name = "tail"} } }
entity "p" { type = "PER", before = { {lower = "ministre"} }, pattern = { {flags = "title", rep = {2, 3}} }, action = function(m) add_entity { type = "ROLE", span = m, features = {x = true} } return {type = "PER"} end }
