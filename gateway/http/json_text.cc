#include "gateway/http/json_text.h"

#include <charconv>
#include <cstdint>

namespace ror::gateway::http {
namespace {

using nlohmann::json;

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the valid UTF-8 sequence that starts `text` at `at` (whose byte is ≥ 0x80), or the
// negated count of bytes to replace by one U+FFFD: the lead byte and the continuation bytes before
// the first that breaks the sequence, which is then read again (as dump() does).
int Utf8Sequence(absl::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  int length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the bounds of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return -1;
  }
  for (int i = 1; i < length; ++i) {
    if (at + i >= text.size()) return -i;
    const unsigned char c = byte(at + i);
    const bool valid = i == 1 ? c >= low && c <= high : IsContinuation(c);
    if (!valid) return -i;
  }
  return length;
}

void AppendEscaped(absl::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t run = 0;  // the start of the bytes copied as they are
  size_t i = 0;
  const auto flush = [&] { out.append(text.data() + run, i - run); };
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    flush();
    if (c >= 0x80) {
      const int length = Utf8Sequence(text, i);
      if (length > 0) {
        out.append(text.data() + i, length);
        i += length;
      } else {
        out.append(kReplacement);
        i += -length;
      }
    } else {
      // The characters JSON writes with a letter (\" \\ \b \f \n \r \t), the others as \u00XX.
      static constexpr absl::string_view kShort = "\"\\\b\f\n\r\t";
      static constexpr absl::string_view kLetters = "\"\\bfnrt";
      const size_t letter = kShort.find(static_cast<char>(c));
      out.push_back('\\');
      if (letter != absl::string_view::npos) {
        out.push_back(kLetters[letter]);
      } else {
        out.append("u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
      }
      ++i;
    }
    run = i;
  }
  flush();
}

template <typename Integer>
void AppendInteger(Integer value, std::string& out) {
  char digits[24];
  const std::to_chars_result end = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, end.ptr);
}

}  // namespace

void AppendJsonString(absl::string_view text, std::string& out) {
  out.push_back('"');
  AppendEscaped(text, out);
  out.push_back('"');
}

void AppendJson(const json& value, std::string& out) {
  switch (value.type()) {
    case json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, member] : value.get_ref<const json::object_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        AppendJsonString(key, out);
        out.push_back(':');
        AppendJson(member, out);
      }
      out.push_back('}');
      return;
    }
    case json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const json& item : value.get_ref<const json::array_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        AppendJson(item, out);
      }
      out.push_back(']');
      return;
    }
    case json::value_t::string:
      AppendJsonString(value.get_ref<const std::string&>(), out);
      return;
    case json::value_t::boolean:
      out.append(value.get<bool>() ? "true" : "false");
      return;
    case json::value_t::number_integer:
      AppendInteger(value.get<int64_t>(), out);
      return;
    case json::value_t::number_unsigned:
      AppendInteger(value.get<uint64_t>(), out);
      return;
    case json::value_t::null:
    case json::value_t::discarded:
      out.append("null");
      return;
    case json::value_t::number_float:
    case json::value_t::binary:
      // Rare here (coordinates): dump()'s own shortest round-trip form.
      out.append(value.dump(-1, ' ', false, json::error_handler_t::replace));
      return;
  }
}

std::string JsonText(const json& value) {
  std::string out;
  AppendJson(value, out);
  return out;
}

}  // namespace ror::gateway::http
