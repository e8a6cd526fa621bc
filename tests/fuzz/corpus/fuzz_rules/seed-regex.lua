regex "bt" { type = "X", pattern = [[(?:(a+)+c|a+)]] }
entity "tok" { type = "Y", pattern = { {regex = [[^(?:(a+)+c|a+b)$]]} } }
