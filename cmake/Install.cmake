# Installing galley (`cmake --install build --prefix P`) and packaging it (`cpack -G DEB` in the
# build folder). The binary finds its data at <its folder>/../share/galley (app::data_dir), so
# an installed tree works wherever it is moved.
include(GNUInstallDirs)

install(TARGETS galley RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Fonts with their licence (OFL.txt) and styles: the data every render reads.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/fonts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/galley/fonts)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/styles/ DESTINATION ${CMAKE_INSTALL_DATADIR}/galley/styles)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME galley)
set(CPACK_PACKAGE_VENDOR "galley")
set(CPACK_PACKAGE_CONTACT "galley maintainers <galley@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Markdown with front matter to a typeset, print-ready PDF")
set(CPACK_PACKAGE_DESCRIPTION
    "galley turns Markdown (CommonMark + GFM) with TOML, YAML or JSON front matter into a typeset PDF: Knuth-Plass paragraphs, HarfBuzz shaping, embedded subset fonts, links, bookmarks, a table of contents. One native binary, offline, byte-reproducible.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://example.invalid/galley")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
# The shared libraries the binary links, found by dpkg-shlibdeps (runtime packages, never -dev);
# fontconfig for installed and fallback fonts; English hyphenation for the default language.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fontconfig, hyphen-en-us")
# The families the default fallback lists name, and hyphenation for other languages: without
# them galley still renders, with a warning for characters no font has. icc-profiles-free: the
# sRGB profile of PDF/A output (--pdf-standard a-2b), which without it stops with pdfa.profile.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji, fonts-symbola, fonts-dejavu-core, hyphen-en-gb, hyphen-de, hyphen-fr, icc-profiles-free, fonts-lmodern")
set(CPACK_GENERATOR DEB)
include(CPack)
