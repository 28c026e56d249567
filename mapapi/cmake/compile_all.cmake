# Compile each file with one compiler; fail on an error or on any output
# (a warning counts even without -Werror, e.g. from sparse).
#   cmake -DCC=compiler -DFLAGS="a;b" -DFILES="x.c;y.c" [-DOUTDIR=dir] -P compile_all.cmake
foreach(f IN LISTS FILES)
  get_filename_component(stem "${f}" NAME_WE)
  if(DEFINED OUTDIR)
    set(out -o "${OUTDIR}/${stem}.o")
  else()
    set(out "")
  endif()
  execute_process(COMMAND ${CC} ${FLAGS} "${f}" ${out}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
  if(NOT rc EQUAL 0 OR NOT "${o}${e}" STREQUAL "")
    message(FATAL_ERROR "${CC} ${f}: exit ${rc}\n${o}${e}")
  endif()
  message("${CC} ${f}: clean")
endforeach()
