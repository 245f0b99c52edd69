# Lists the project's C++ files matching the given patterns (tracked files when in git).
cxx_files() {
    local root=$1
    shift
    if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
        git -C "$root" ls-files --cached --others --exclude-standard -- "$@"
    else
        (cd "$root" && find src tests -name '*.cpp' -o -name '*.h')
    fi
}
