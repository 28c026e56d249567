# Embeds the rule pages (docs/rules/*.md) in the iomemcheck binary for
# --explain, so an installed iomemcheck explains without the source tree:
#   cmake -DDIR=docs/rules -DOUT=explain-pages.c -P embed-pages.cmake
# Writes OUT only when its contents change.
file(GLOB pages RELATIVE "${DIR}" "${DIR}/*.md")
list(SORT pages)
set(arrays "")
set(entries "")
foreach(p IN LISTS pages)
  get_filename_component(name "${p}" NAME_WLE)
  string(MAKE_C_IDENTIFIER "${name}" id)
  file(READ "${DIR}/${p}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  # 16 bytes a line
  string(REGEX REPLACE "((0x..,){16})" "\\1\n\t" hex "${hex}")
  string(APPEND arrays "static const char page_${id}[] = {\n\t${hex}0\n};\n")
  string(APPEND entries "\t{ \"${name}\", page_${id} },\n")
endforeach()
set(text "/* Generated from the pages in docs/rules/ by checker/embed-pages.cmake. */
#include \"explain.h\"

${arrays}
const struct imc_explain_page imc_explain_pages[] = {
${entries}};
const unsigned imc_explain_npages =
	sizeof(imc_explain_pages) / sizeof(imc_explain_pages[0]);
")
file(WRITE "${OUT}.tmp" "${text}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different
  "${OUT}.tmp" "${OUT}")
file(REMOVE "${OUT}.tmp")
