entity "x" { type = "X", pattern = { "a" }, action = function(m) entity "y" { type = "Y", pattern = {"b"} } end }
on_document(function(doc) language "en" end)
