# Run several commands; each must exit 0, print something, write nothing
# to stderr, and all must print the same stdout.
#   cmake -DCMDS="prog arg|prog arg|..." -P same_output.cmake
string(REPLACE "|" ";" cmds "${CMDS}")
unset(first)
foreach(cmd IN LISTS cmds)
  separate_arguments(argv UNIX_COMMAND "${cmd}")
  execute_process(COMMAND ${argv} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${cmd}: ${out}${err}")
  if(NOT rc EQUAL 0 OR NOT err STREQUAL "" OR out STREQUAL "")
    message(FATAL_ERROR "${cmd}: exit ${rc}, expected 0 and a clean stderr")
  endif()
  if(NOT DEFINED first)
    set(first "${out}")
  elseif(NOT out STREQUAL first)
    message(FATAL_ERROR "${cmd}: output differs from the first command")
  endif()
endforeach()
