# Runs `galley --generate WHAT` into OUT (cmake -DGALLEY=... -DWHAT=... -DOUT=... -P this file):
# redirection in add_custom_command is not portable across generators.
execute_process(COMMAND ${GALLEY} --generate ${WHAT} OUTPUT_FILE ${OUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE ${OUT})
  message(FATAL_ERROR "galley --generate ${WHAT} failed (${status})")
endif()
