# « Mes recherches sauvegardées » (included by CMakeLists.txt): each user's saved searches, stream
# "recherches-<owner>" in the search service's event store.

# domain/: the saved-searches decider, pure.
ror_cc_library(NAME ror_search_saved_domain
  SRCS domain/saved_search.cc
  HDRS domain/saved_search.h
  DEPS ror_proto_search_events ror_proto_search ror_common ror_field_violations ror_proto_time
       absl::flat_hash_set absl::status absl::statusor absl::strings absl::time)

# app/: Save, List and Delete on the event store through the command loop.
ror_cc_library(NAME ror_search_saved
  SRCS app/saved_searches.cc
  HDRS app/saved_searches.h
  DEPS ror_search_saved_domain ror_authz_principal ror_eventstore ror_command_loop ror_common
       ror_field_violations ror_proto_time absl::status absl::statusor absl::strings)

ror_cc_test(NAME search_saved_test
  SRCS domain/saved_search_test.cc app/saved_searches_test.cc
  DEPS ror_search_saved ror_search_saved_domain ror_eventstore ror_testing ror_common_testing)
