# The recherche guidée: the thematic tree of guide/guide.json, checked against the national lists.

ror_cc_library(NAME ror_search_guide
  SRCS domain/guide.cc
  HDRS domain/guide.h
  DEPS ror_proto_search ror_nomenclature ror_common absl::status absl::statusor absl::strings
       absl::flat_hash_map absl::btree protobuf::libprotobuf)

# The shipped guide against the built-in lists always, and against the national lists of
# ../shared/data (never copied here) when they are there: that case is skipped, and reported so by
# ctest, without them.
ror_cc_test(NAME search_guide_test
  SRCS domain/guide_test.cc
  DEPS ror_search_guide ror_testing ror_common_testing)
target_compile_definitions(search_guide_test PRIVATE
  ROR_GUIDE_FILE="${CMAKE_CURRENT_SOURCE_DIR}/guide/guide.json"
  ROR_NOMENCLATURES_DIR="${PROJECT_SOURCE_DIR}/../shared/data/nomenclatures")
set_tests_properties(search_guide_test PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]")
