#pragma once

// Serialized items (serialize_item()'s bytes) that every reader of them must refuse with
// std::runtime_error: deserialize_item(), and the writers that turn the bytes straight
// into JSON text or a document. One list, so that a new corruption case reaches all.

#include <QByteArray>
#include <QTest>

inline void addCorruptSerializedItems() {
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("wrong version") << QByteArray("\x02\x00", 2);
    QTest::newRow("unknown type") << QByteArray(
        "\x01\x01\x01"
        "a"
        "\x0b",
        5);
    QTest::newRow("bad boolean") << QByteArray(
        "\x01\x01\x01"
        "a"
        "\x03\x02",
        6);
    QTest::newRow("huge count") << QByteArray("\x01\xff\xff\xff\xff\x0f", 6);
    QTest::newRow("huge length") << QByteArray("\x01\x01\xff\xff\xff\x7f", 6);
    QTest::newRow("names out of order") << QByteArray(
        "\x01\x02\x01"
        "b"
        "\x04\x01"
        "a"
        "\x04",
        8);
    QTest::newRow("duplicate names") << QByteArray(
        "\x01\x02\x01"
        "a"
        "\x04\x01"
        "a"
        "\x04",
        8);
    QTest::newRow("bad number") << QByteArray(
        "\x01\x01\x01"
        "a"
        "\x01\x01\x09",
        7);
    QTest::newRow("overlong varint")
        << QByteArray("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 12);
}
