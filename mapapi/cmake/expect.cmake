# Run a command and check its exit status and output.
#   cmake -DCMD=prog;arg... -DRC=86 [-DMATCH=regex] [-DNOMATCH=regex] -P expect.cmake
# MATCH/NOMATCH are applied to stdout and stderr combined.
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
message("${all}")
if(NOT rc STREQUAL "${RC}")
  message(FATAL_ERROR "expected exit status ${RC}, got ${rc}")
endif()
if(DEFINED MATCH AND NOT all MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match: ${MATCH}")
endif()
if(DEFINED NOMATCH AND NOT NOMATCH STREQUAL "" AND all MATCHES "${NOMATCH}")
  message(FATAL_ERROR "output matches: ${NOMATCH}")
endif()
