#pragma once
// One row of the bad-input catalogue: what is wrong, the call that must refuse it, and a piece of
// the message the refusal must carry. The piece names the op or the file and says what was wrong
// (the shapes, the line, the byte offset), so a row fails if the message turns vague.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

namespace catalogue {

struct Refusal {
  std::string what;            // the bad input, in words
  std::function<void()> call;  // must throw
  std::string message;         // must appear in the exception's what()
};

// Every call must throw an Error (or a type derived from it) whose message holds the row's piece.
template <class Error>
void check_refusals(const std::vector<Refusal>& rows) {
  for (const Refusal& row : rows) {
    INFO(row.what);
    CHECK_THROWS_WITH_AS(row.call(), doctest::Contains(row.message.c_str()), Error);
  }
}

}  // namespace catalogue
