# Batch mode's -o DIR (docs/cli.md#batch-mode), in a scratch directory inside the build
# tree: one report per dataset, DIR/STEM.EXT, each byte-identical to the report of a run
# on that dataset alone; the same files and the same summary whatever --jobs; DIR created
# when missing; a report that cannot be written does not stop the others (exit 4); a
# DIR that cannot be created stops the run before any dataset is read (exit 4); a
# summary that cannot be written to standard output is exit 4.
cmake_minimum_required(VERSION 3.25)
set(work ${WORK_DIR}/batch_output)
file(REMOVE_RECURSE ${work})
file(MAKE_DIRECTORY ${work})
set(ENV{NO_COLOR} 1)

set(stems 2020q1 motala norrkoping)
set(path_2020q1 datasets/2020q1.yaml)
set(path_motala tests/cases/inputs/batch/kvartal/motala.yaml)
set(path_norrkoping tests/cases/inputs/batch/kvartal/norrkoping.yaml)
set(ext_text txt)
set(ext_json json)
set(ext_markdown md)
set(ext_html html)
set(ext_junit xml)

function(run_evaluate)  # run_evaluate(ARGS...) -> code, out, err in the caller
  execute_process(COMMAND ${EVALUATE} ${ARGN} WORKING_DIRECTORY ${SOURCE_DIR}
                  RESULT_VARIABLE c OUTPUT_VARIABLE o ERROR_VARIABLE e)
  set(code "${c}" PARENT_SCOPE)
  set(out "${o}" PARENT_SCOPE)
  set(err "${e}" PARENT_SCOPE)
endfunction()

function(expect_files dir)  # exactly the files named, nothing else (no temporary file)
  file(GLOB found RELATIVE ${dir} ${dir}/* ${dir}/.*)
  list(SORT found)
  set(expected ${ARGN})
  list(SORT expected)
  if(NOT found STREQUAL expected)
    message(FATAL_ERROR "${dir} holds '${found}', expected '${expected}'")
  endif()
endfunction()

foreach(format text json markdown html junit)
  set(ext ${ext_${format}})
  # Without -o: the summary alone.
  run_evaluate(-f ${format} rules/ tests/cases/inputs/batch/kvartal/ datasets/2020q1.yaml)
  set(summary "${out}")
  foreach(jobs 1 2)
    set(dir ${work}/${format}/jobs${jobs}/new)  # two levels that do not exist yet
    run_evaluate(--jobs ${jobs} -f ${format} rules/ tests/cases/inputs/batch/kvartal/ datasets/2020q1.yaml
                 -o ${dir})
    if(NOT code EQUAL 0)
      message(FATAL_ERROR "${format} --jobs ${jobs}: exit ${code}\n${err}")
    endif()
    if(NOT out STREQUAL summary)
      message(FATAL_ERROR "${format} --jobs ${jobs}: the summary differs from the one without -o")
    endif()
    expect_files(${dir} 2020q1.${ext} motala.${ext} norrkoping.${ext})
  endforeach()
  foreach(stem IN LISTS stems)
    file(READ ${work}/${format}/jobs1/new/${stem}.${ext} one)
    file(READ ${work}/${format}/jobs2/new/${stem}.${ext} two)
    if(NOT one STREQUAL two)
      message(FATAL_ERROR "${format}: ${stem}.${ext} differs between --jobs 1 and --jobs 2")
    endif()
    run_evaluate(-f ${format} rules/ ${path_${stem}})
    if(NOT one STREQUAL out)
      file(WRITE ${work}/${stem}.${ext}.single "${out}")
      message(FATAL_ERROR "${format}: ${stem}.${ext} differs from the report of ${path_${stem}} alone "
                          "(${work}/${stem}.${ext}.single)")
    endif()
  endforeach()
  message(STATUS "${format}: one .${ext} per dataset, as a single run writes it, whatever --jobs")
endforeach()

# A report that cannot be written: the others are, the summary counts every dataset.
file(MAKE_DIRECTORY ${work}/blocked/motala.txt)
run_evaluate(--jobs 2 rules/ tests/cases/inputs/batch/kvartal/ datasets/2020q1.yaml -o ${work}/blocked)
if(NOT code EQUAL 4)
  message(FATAL_ERROR "a report over a directory: exit ${code}, expected 4\n${err}")
endif()
string(FIND "${err}" "evaluate: error: cannot write '${work}/blocked/motala.txt': Is a directory\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "a report over a directory: no message\n${err}")
endif()
expect_files(${work}/blocked 2020q1.txt motala.txt norrkoping.txt)
string(FIND "${out}" "Sammanställning: 3 dataset utvärderade\n" at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "a report over a directory: the summary should count all three\n${out}")
endif()
message(STATUS "a report that cannot be written: exit 4, the other reports written")

# A directory that cannot be created: nothing is read or written.
file(WRITE ${work}/plain "")
run_evaluate(rules/ tests/cases/inputs/batch/kvartal/ -o ${work}/plain/reports)
if(NOT code EQUAL 4 OR NOT out STREQUAL "")
  message(FATAL_ERROR "-o under a file: exit ${code}, expected 4 and no summary\n${out}${err}")
endif()
if(NOT err STREQUAL "evaluate: error: cannot create the directory '${work}/plain/reports': Not a directory\n")
  message(FATAL_ERROR "-o under a file: unexpected message\n${err}")
endif()
message(STATUS "-o DIR that cannot be created: exit 4 before any dataset")

# The summary cannot be written to standard output.
execute_process(COMMAND ${EVALUATE} rules/ tests/cases/inputs/batch/kvartal/ WORKING_DIRECTORY ${SOURCE_DIR}
                RESULT_VARIABLE code OUTPUT_FILE /dev/full ERROR_VARIABLE err)
string(FIND "${err}" "evaluate: error: cannot write the summary to standard output\n" at)
if(NOT code EQUAL 4 OR at EQUAL -1)
  message(FATAL_ERROR "summary to /dev/full: exit ${code}, expected 4\n${err}")
endif()
message(STATUS "a full standard output: exit 4")
