#include "remote/keychain_store.h"

#include <qt6keychain/keychain.h>

#include <optional>
#include <utility>

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

namespace {
using Status = KeychainResult::Status;

// The probe's own entry: connection keys carry a prefix a probe can never have.
const QString kProbeKey = QStringLiteral("probe");

KeychainResult resultOf(const QKeychain::Job& job) {
    switch (job.error()) {
        case QKeychain::NoError:
            return {};
        case QKeychain::EntryNotFound:
            return {Status::NotFound, job.errorString()};
        case QKeychain::AccessDenied:
        case QKeychain::AccessDeniedByUser:
            return {Status::Locked, job.errorString()};
        case QKeychain::CouldNotDeleteEntry:
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
        case QKeychain::OtherError:
            break;
    }
    return {Status::Unavailable, job.errorString()};
}

// A job that deletes itself once finished and never falls back to plain settings.
template <typename Job>
Job* makeJob(const QString& key) {
    auto* job = new Job(KeychainStore::service());
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

// Runs `job`; `done` gets its result on the GUI thread unless `context` went first.
template <typename Job>
void run(Job* job, const QObject* context, std::function<void(const Job&)> done) {
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done)](QKeychain::Job* finished) {
                         if (done) done(*static_cast<Job*>(finished));
                     });
    job->start();
}

QByteArray encode(const AccessKeys& keys) {
    QJsonObject entry{{QStringLiteral("accessKeyId"), keys.accessKeyId},
                      {QStringLiteral("secretAccessKey"), keys.secretAccessKey}};
    if (!keys.sessionToken.isEmpty())
        entry.insert(QStringLiteral("sessionToken"), keys.sessionToken);
    return QJsonDocument(entry).toJson(QJsonDocument::Compact);
}

std::optional<AccessKeys> decode(const QByteArray& data) {
    const QJsonObject entry = QJsonDocument::fromJson(data).object();
    AccessKeys keys;
    keys.accessKeyId = entry.value(QStringLiteral("accessKeyId")).toString();
    keys.secretAccessKey = entry.value(QStringLiteral("secretAccessKey")).toString();
    keys.sessionToken = entry.value(QStringLiteral("sessionToken")).toString();
    if (keys.accessKeyId.isEmpty() || keys.secretAccessKey.isEmpty()) return std::nullopt;
    return keys;
}

// The text, then the keychain's own words for the failure when it gave any.
QString withDetails(const QString& text, const KeychainResult& result) {
    if (result.detail.isEmpty()) return text;
    return text + u' ' + KeychainStore::tr("Details: %1").arg(result.detail);
}
}  // namespace

QString KeychainStore::service() {
    return QStringLiteral("Tablespan");
}

QString KeychainStore::keyFor(const QString& connection) {
    return QStringLiteral("connection:") + connection.toLower();
}

void KeychainStore::read(const QString& connection, const QObject* context,
                         std::function<void(const KeychainResult&, const AccessKeys&)> done) {
    run<QKeychain::ReadPasswordJob>(
        makeJob<QKeychain::ReadPasswordJob>(keyFor(connection)), context,
        [done = std::move(done)](const QKeychain::ReadPasswordJob& job) {
            KeychainResult result = resultOf(job);
            std::optional<AccessKeys> keys;
            if (result.ok()) {
                keys = decode(job.textData().toUtf8());
                if (!keys) result = {Status::NotFound, QStringLiteral("the entry holds no keys")};
            }
            done(result, keys.value_or(AccessKeys{}));
        });
}

void KeychainStore::write(const QString& connection, const AccessKeys& keys, const QObject* context,
                          std::function<void(const KeychainResult&)> done) {
    auto* job = makeJob<QKeychain::WritePasswordJob>(keyFor(connection));
    job->setTextData(QString::fromUtf8(encode(keys)));
    run<QKeychain::WritePasswordJob>(
        job, context, [done = std::move(done)](const QKeychain::WritePasswordJob& finished) {
            done(resultOf(finished));
        });
}

void KeychainStore::remove(const QString& connection, const QObject* context,
                           std::function<void(const KeychainResult&)> done) {
    run<QKeychain::DeletePasswordJob>(
        makeJob<QKeychain::DeletePasswordJob>(keyFor(connection)), context,
        [done = std::move(done)](const QKeychain::DeletePasswordJob& job) {
            KeychainResult result = resultOf(job);
            if (result.status == Status::NotFound) result = {};
            if (done) done(result);
        });
}

void KeychainStore::probe(const QObject* context, std::function<void(const KeychainResult&)> done) {
    auto* job = makeJob<QKeychain::WritePasswordJob>(kProbeKey);
    job->setTextData(QStringLiteral("probe"));
    run<QKeychain::WritePasswordJob>(
        job, context,
        [context, done = std::move(done)](const QKeychain::WritePasswordJob& finished) {
            const KeychainResult result = resultOf(finished);
            if (!result.ok()) return done(result);
            // The write tells; the delete only tidies up after it.
            run<QKeychain::DeletePasswordJob>(
                makeJob<QKeychain::DeletePasswordJob>(kProbeKey), context,
                [done](const QKeychain::DeletePasswordJob&) { done({}); });
        });
}

QString KeychainStore::readFailure(const KeychainResult& result, const QString& connection) {
    switch (result.status) {
        case Status::Ok:
        case Status::NotFound:
            return tr("The system keychain holds no keys for %1, or it is locked. Unlock it "
                      "and choose Connections → %1 → Connect again, or type the keys again "
                      "with Edit….")
                .arg(connection);
        case Status::Locked:
            return withDetails(tr("The system keychain is locked or refused to give the keys "
                                  "of %1. Unlock it and choose Connections → %1 → Connect "
                                  "again.")
                                   .arg(connection),
                               result);
        case Status::Unavailable:
            break;
    }
    return withDetails(tr("The keys of %1 cannot be read: there is no system keychain to read "
                          "them from. Sign with an AWS CLI profile instead (Connections → %1 → "
                          "Edit…).")
                           .arg(connection),
                       result);
}

QString KeychainStore::writeFailure(const KeychainResult& result) {
    if (result.status == Status::Locked)
        return withDetails(tr("The system keychain is locked or refused to keep the keys. "
                              "Unlock it and try again, or choose an AWS CLI profile instead."),
                           result);
    return withDetails(
        tr("There is no system keychain to keep the keys in. Choose an AWS CLI profile instead."),
        result);
}
