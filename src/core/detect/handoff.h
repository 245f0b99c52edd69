#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace fw {

// A bounded hand-off between two threads, by weight (samples), in order. Items of weight 0
// (commands, markers) always go in, so that a full queue never loses one. A producer either
// waits for room (a file replay: nothing is dropped, it slows down) or gives up at once (a live
// source: the caller counts the samples as dropped). All of it is safe from any thread.
template<class T>
class HandOff
{
public:
    enum class Push {
        Queued,      // in; the consumer is already due to look
        QueuedFirst, // in, into an empty queue: the producer wakes the consumer
        Full,        // not in: no room
        Aborted,     // not in: no waiting now (see setWaiting)
    };

    explicit HandOff(std::size_t capacity)
        : m_capacity(capacity)
    {}

    Push push(T item, std::size_t weight, bool wait)
    {
        std::unique_lock lock(m_mutex);
        if (weight > 0 && m_weight > 0 && m_weight + weight > m_capacity) {
            if (!wait) {
                return Push::Full;
            }
            // An item heavier than the capacity goes in alone, once the queue is empty.
            m_space.wait(lock, [&] {
                return !m_waiting || m_weight == 0 || m_weight + weight <= m_capacity;
            });
            if (!m_waiting && m_weight > 0 && m_weight + weight > m_capacity) {
                return Push::Aborted;
            }
        }
        const bool first = m_items.empty();
        m_items.emplace_back(std::move(item), weight);
        m_weight += weight;
        return first ? Push::QueuedFirst : Push::Queued;
    }

    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        if (m_items.empty()) {
            return std::nullopt;
        }
        auto [item, weight] = std::move(m_items.front());
        m_items.pop_front();
        m_weight -= weight;
        lock.unlock();
        if (weight > 0) {
            m_space.notify_all();
        }
        return std::move(item);
    }

    // Off: producers waiting for room give up, and later ones do not wait (Push::Aborted),
    // until it is on again. For a producer being stopped.
    void setWaiting(bool on)
    {
        {
            std::lock_guard lock(m_mutex);
            m_waiting = on;
        }
        m_space.notify_all();
    }

    [[nodiscard]] bool waiting() const
    {
        std::lock_guard lock(m_mutex);
        return m_waiting;
    }

    void setCapacity(std::size_t capacity)
    {
        {
            std::lock_guard lock(m_mutex);
            m_capacity = capacity;
        }
        m_space.notify_all();
    }

    [[nodiscard]] std::size_t weight() const
    {
        std::lock_guard lock(m_mutex);
        return m_weight;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_space;
    std::deque<std::pair<T, std::size_t>> m_items;
    std::size_t m_weight = 0;
    std::size_t m_capacity;
    bool m_waiting = true;
};

} // namespace fw
