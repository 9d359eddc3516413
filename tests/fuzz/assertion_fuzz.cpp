// libFuzzer target: JSON-pointer, XPath and regex assertions of the http
// check. Line 1 is the pointer/expression, line 2 the expected value or
// pattern, the rest the answer's body. Building either works or throws
// ConfigError; evaluating never throws.
#include "core/errors.hpp"
#include "smoke/checks/http_assert.hpp"
#include "tests/fuzz/fuzz_input.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace compuerta::smoke::checks;
    auto f = compuerta::fuzz::fields(data, size, 3);
    compuerta::core::HttpResponse resp;
    resp.status = 200;
    resp.body = f[2];
    resp.headers = {{"content-type", "application/json"}};
    const std::pair<Assertion::Subject, Assertion::Op> kinds[] = {
        {Assertion::Subject::json, Assertion::Op::equals},
        {Assertion::Subject::json, Assertion::Op::regex},
        {Assertion::Subject::xpath, Assertion::Op::contains},
        {Assertion::Subject::xpath, Assertion::Op::exists},
        {Assertion::Subject::body, Assertion::Op::regex},
        {Assertion::Subject::header, Assertion::Op::equals},
    };
    AnswerView view(resp);
    for (const auto& [subject, op] : kinds) {
        try {
            Assertion a = make_assertion(subject, subject == Assertion::Subject::body ? "" : f[0],
                                         op, f[1], "fuzz");
            (void)evaluate(a, view);
            (void)a.describe();
        } catch (const compuerta::core::ConfigError&) {
        }
    }
    return 0;
}
