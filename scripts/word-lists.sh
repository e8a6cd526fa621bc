# word-lists.sh: sourced by make-gazetteers.sh and make-names.sh, which mark
# the names that are also common words with Debian's English word list and
# French Hunspell dictionary.  Installs them when root; otherwise says what
# to install and exits 2.  $caller: the calling script's name, for the message.
missing=""
for p in wamerican hunspell-fr-classical; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && apt-get install -y -q $missing
    else
        echo "$caller: needs:$missing (apt-get install$missing)" >&2
        exit 2
    fi
fi
