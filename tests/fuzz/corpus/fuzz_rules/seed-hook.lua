on_document(function(doc) print(#doc.text, doc.id) for _, e in ipairs(doc.entities) do add_relation { type = "r", head = e, tail = e } end end)
regex "year" { type = "DATE", pattern = [[\b(19|20)\d\d\b]], over = "document" }
