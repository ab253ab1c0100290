# elig_synthesise(<target> <name> <rules>...): the fast lanes of the rule set in <rules>
# (directories or .elig files), written as C++ by elig-synth at build time and compiled into
# <target>. A rule set that target loads from the same rules decides with them (the answers are
# the interpreter's: docs/performance.md, "Synthesised lanes"). Written again when a rule file
# changes; compiled once per directory, however many of its targets link it.
function(elig_synthesise target name)
  set(objects elig_synthesised_${name})
  if(NOT TARGET ${objects})
    set(out ${CMAKE_CURRENT_BINARY_DIR}/synthesised/${name}.cpp)
    set(deps)
    foreach(path ${ARGN})
      if(IS_DIRECTORY ${path})
        file(GLOB_RECURSE files CONFIGURE_DEPENDS ${path}/*.elig)
        list(APPEND deps ${files})
      else()
        list(APPEND deps ${path})
      endif()
    endforeach()
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/synthesised
      COMMAND elig_synth --name ${name} -o ${out} ${ARGN}
      DEPENDS elig_synth ${deps}
      COMMENT "Synthesising the fast lanes of ${name}"
      VERBATIM)
    # An object library: its objects go into each target whole, so the linker never drops the
    # registration nothing refers to. It includes the lanes' interpreter (engine/src/fast) and
    # is held to our warnings.
    add_library(${objects} OBJECT ${out})
    target_link_libraries(${objects} PRIVATE elig_fast elig_warnings)
  endif()
  target_sources(${target} PRIVATE $<TARGET_OBJECTS:${objects}>)
endfunction()
