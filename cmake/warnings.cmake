# One place for the warning flags every attain target is built with.
function(attain_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(ATTAIN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
