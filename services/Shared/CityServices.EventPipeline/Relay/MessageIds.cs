using System.Security.Cryptography;
using System.Text;

namespace CityServices.EventPipeline.Relay;

/// <summary>
/// Message ids derived from the stored event's id (RFC 9562 version-5 UUIDs), so a relay that
/// re-sends after a crash sends the very same ids and consumers recognise the duplicate.
/// </summary>
public static class MessageIds
{
    // A fixed namespace for CityServices' name-based ids; changing it would break deduplication
    // of messages in flight across an upgrade.
    private static readonly Guid Namespace = new("3f1c7a52-9a0e-4c55-8d2b-6e4f0b9d1a73");

    /// <summary>The id of the <c>EventRecorded</c> message for a stored event.</summary>
    public static Guid ForEventRecorded(Guid eventId) => Derive(eventId, "event-recorded");

    /// <summary>The id of the integration event a stored event is announced as.</summary>
    public static Guid ForIntegrationEvent(Guid eventId) => Derive(eventId, "integration-event");

    private static Guid Derive(Guid eventId, string purpose)
    {
        var name = Encoding.UTF8.GetBytes($"{eventId:D}/{purpose}");
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version-5 UUIDs; no security rests on it.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
