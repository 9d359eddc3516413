#pragma once
// A value or an error, for recoverable failures (std::expected is C++23).
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace compuerta::core {

// The default error payload: one human-readable message, already masked.
struct Error {
    std::string message;
};

template <class T, class E = Error> class Result {
  public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    // value()/error() throw std::logic_error when called on the other side.
    T& value() & { return get<0>(); }
    const T& value() const& { return get<0>(); }
    T&& value() && { return std::move(get<0>()); }
    const E& error() const& { return get<1>(); }
    E& error() & { return get<1>(); }

    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

  private:
    template <std::size_t I> auto& get() {
        if (m_v.index() != I) throw std::logic_error("Result: wrong side accessed");
        return std::get<I>(m_v);
    }
    template <std::size_t I> const auto& get() const {
        if (m_v.index() != I) throw std::logic_error("Result: wrong side accessed");
        return std::get<I>(m_v);
    }
    std::variant<T, E> m_v;
};

} // namespace compuerta::core
