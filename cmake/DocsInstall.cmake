# The man page galley.1 and the bash, zsh and fish completions, generated at build time by the
# built galley from the option table that --help prints (galley --generate man|bash|zsh|fish), so
# they never disagree with it; no tool beyond the build's own is needed. They are installed under
# share/galley/ with galley's data and where man and each shell look for them.
include(GNUInstallDirs)

set(galley_docs_dir ${PROJECT_BINARY_DIR}/share)
set(galley_man_page ${galley_docs_dir}/man/galley.1)
set(galley_docs_outputs)
set(galley_docs_kinds man bash zsh fish)
set(galley_docs_files ${galley_man_page} ${galley_docs_dir}/completions/galley.bash
    ${galley_docs_dir}/completions/_galley ${galley_docs_dir}/completions/galley.fish)
foreach(what output IN ZIP_LISTS galley_docs_kinds galley_docs_files)
  get_filename_component(output_dir ${output} DIRECTORY)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${output_dir}
    COMMAND ${CMAKE_COMMAND} -DGALLEY=$<TARGET_FILE:galley> -DWHAT=${what} -DOUT=${output}
            -P ${PROJECT_SOURCE_DIR}/cmake/GenerateDoc.cmake
    DEPENDS galley ${PROJECT_SOURCE_DIR}/cmake/GenerateDoc.cmake
    COMMENT "Generating ${output} (galley --generate ${what})"
    VERBATIM)
  list(APPEND galley_docs_outputs ${output})
endforeach()
add_custom_target(galley_docs ALL DEPENDS ${galley_docs_outputs})

install(FILES ${galley_man_page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${galley_man_page} DESTINATION ${CMAKE_INSTALL_DATADIR}/galley/man)
install(FILES ${galley_docs_dir}/completions/galley.bash ${galley_docs_dir}/completions/_galley
              ${galley_docs_dir}/completions/galley.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/galley/completions)
install(FILES ${galley_docs_dir}/completions/galley.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME galley)
install(FILES ${galley_docs_dir}/completions/_galley DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${galley_docs_dir}/completions/galley.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
