// The wording tables, built once.

#include "attain/wording.hpp"

namespace attain {

Wording swedish();  // wording_sv.cpp
Wording english();  // wording_en.cpp

std::optional<Language> language_from_name(std::string_view name) {
  if (name == "sv") return Language::sv;
  if (name == "en") return Language::en;
  return std::nullopt;
}

std::string_view to_string(Language language) {
  return language == Language::en ? "en" : "sv";
}

const Wording& wording(Language language) {
  static const Wording sv = swedish();
  static const Wording en = english();
  return language == Language::en ? en : sv;
}

}  // namespace attain
