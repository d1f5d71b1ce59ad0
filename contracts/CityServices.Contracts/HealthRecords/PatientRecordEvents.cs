namespace CityServices.Contracts.HealthRecords;

// What other departments may know about health records: that a record exists, was closed or was
// erased, and when. Published by the health-records service's outbox relay (at least once;
// message ids derive from the stored event's id, so consumers deduplicate). They carry ids and
// times only: no medical content, no consents, no access log ever leaves the service.

/// <summary>A patient record was opened for a newly registered citizen (its id is the citizen id).</summary>
/// <remarks>Published by health-records when it handles identity's <c>CitizenRegistered</c>. No consumers yet.</remarks>
public sealed record PatientRecordOpened(Guid PatientId, DateTimeOffset OpenedAt);

/// <summary>A patient record was closed to new entries because the citizen died; it stays readable.</summary>
/// <remarks>Published by health-records when it handles identity's <c>CitizenDied</c>. No consumers yet.</remarks>
public sealed record PatientRecordClosed(Guid PatientId, DateTimeOffset ClosedAt);

/// <summary>
/// A patient record's data key was destroyed on a lawful erasure request: its medical content can
/// never be read again, while its events and their ledger proofs stay valid.
/// </summary>
/// <remarks>Published by health-records. Consumers that copied anything about the patient's care should drop it. No consumers yet.</remarks>
public sealed record PatientRecordErased(Guid PatientId, DateTimeOffset ErasedAt);
