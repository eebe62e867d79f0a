# bash completion for sbornik(1): commands, each command's options, the
# formats after -f (comma lists), the values of --diagnostics=, the kinds
# after `new`, folders and sources for paths.
#
# make install puts it in $(PREFIX)/share/bash-completion/completions/sbornik,
# where bash-completion loads it on demand; from the source tree:
#     source completion/sbornik.bash
# It needs nothing from the bash-completion package.

_sbornik_formats="pdf docx html ics csv svg xml"
_sbornik_diagnostics="text json github"
_sbornik_kinds="order letter document concept roadmap article collection"

# COMPREPLY += the words of list that start with cur.
_sbornik_add() {
    local w
    for w in $1; do
        [[ $w == "$2"* ]] && COMPREPLY+=("$w")
    done
}

# Folders; with $2 = md, *.md files too.
_sbornik_paths() {
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -d -- "$1"))
    if [[ ${2-} == md ]]; then
        COMPREPLY+=($(compgen -f -X '!*.md' -- "$1"))
    fi
}

# A comma list of formats: complete its last element, keep the others.
_sbornik_format_list() {
    local cur=$1 head="" last=$1 f
    if [[ $cur == *,* ]]; then
        head=${cur%,*},
        last=${cur##*,}
    fi
    for f in $_sbornik_formats; do
        [[ ,$head == *",$f,"* ]] && continue    # listed already
        [[ $f == "$last"* ]] && COMPREPLY+=("$head$f")
    done
    compopt -o nospace 2>/dev/null
}

_sbornik() {
    COMPREPLY=()
    local cword=$COMP_CWORD
    local cur=${COMP_WORDS[cword]}
    local prev=""
    ((cword > 0)) && prev=${COMP_WORDS[cword - 1]}

    # --diagnostics=VALUE: bash may split it at '=' (COMP_WORDBREAKS) into
    # "--diagnostics" "=" "VALUE", or keep it whole.
    if [[ $cur == --diagnostics=* ]]; then
        local v
        for v in $_sbornik_diagnostics; do
            [[ $v == "${cur#--diagnostics=}"* ]] && COMPREPLY+=("--diagnostics=$v")
        done
        return 0
    fi
    if [[ $cur == = && $prev == --diagnostics ]]; then
        _sbornik_add "$_sbornik_diagnostics" ""
        return 0
    fi
    if [[ $prev == = ]] && ((cword > 1)) && [[ ${COMP_WORDS[cword - 2]} == --diagnostics ]]; then
        _sbornik_add "$_sbornik_diagnostics" "$cur"
        return 0
    fi
    if [[ $prev == --diagnostics ]]; then
        _sbornik_add "$_sbornik_diagnostics" "$cur"
        return 0
    fi

    if ((cword == 1)); then
        _sbornik_add "build check xml init new --help --version" "$cur"
        return 0
    fi

    local cmd=${COMP_WORDS[1]}
    case $cmd in
    build)
        case $prev in
        -o) _sbornik_paths "$cur"; return 0 ;;
        -f) _sbornik_format_list "$cur"; return 0 ;;
        -j) _sbornik_add "$(nproc 2>/dev/null || echo 2)" "$cur"; return 0 ;;
        esac
        if [[ $cur == -* ]]; then
            _sbornik_add "-o -f -j -q --quiet --no-cache --watch --diagnostics= --help" "$cur"
            [[ ${COMPREPLY[*]} == *= ]] && compopt -o nospace 2>/dev/null
        else
            _sbornik_paths "$cur"
        fi
        ;;
    check | xml)
        if [[ $cur == -* ]]; then
            _sbornik_add "--diagnostics= --help" "$cur"
            [[ ${COMPREPLY[*]} == *= ]] && compopt -o nospace 2>/dev/null
        else
            _sbornik_paths "$cur" md
        fi
        ;;
    init)
        if [[ $cur == -* ]]; then
            _sbornik_add "--help" "$cur"
        else
            _sbornik_paths "$cur"
        fi
        ;;
    new)
        if [[ $cur == -* ]]; then
            _sbornik_add "--help" "$cur"
            return 0
        fi
        # new KIND ID [DIR]: which of the three is being typed.
        local i n=0
        for ((i = 2; i < cword; i++)); do
            [[ ${COMP_WORDS[i]} != -* ]] && n=$((n + 1))
        done
        case $n in
        0) _sbornik_add "$_sbornik_kinds" "$cur" ;;
        1) ;;   # the id: anything new
        2) _sbornik_paths "$cur" ;;
        esac
        ;;
    esac
    return 0
}

complete -F _sbornik sbornik
