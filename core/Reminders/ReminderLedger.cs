using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PoIntake.Core.Email;
using PoIntake.Core.Storage;

namespace PoIntake.Core.Reminders;

/// <summary>Table ReminderLedger: one entity per (deadline, deadline year, offset, audience, recipient hash).</summary>
public sealed class ReminderLedgerEntity : TableRow
{
    /// <summary><see cref="LedgerStatus"/> as text.</summary>
    public string Status { get; set; } = "";

    public int Attempts { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>The ACS Operation-Id, derived from the key, the same for every attempt.</summary>
    public string OperationId { get; set; } = "";

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? Expires { get; set; }
}

public enum LedgerStatus
{
    /// <summary>Claimed by a pass that is sending it now (until ClaimedUntil).</summary>
    Sending,

    /// <summary>A send failed for now; the next pass tries again until the reminder's moment has passed.</summary>
    Pending,

    /// <summary>Accepted by the e-mail service: never sent again.</summary>
    Sent,

    /// <summary>Refused for good (bad address …); not retried, kept with the error code.</summary>
    Rejected,
}

/// <summary>A pass's exclusive right to send one mail, won by an insert-if-absent or an ETag-conditional update.</summary>
public sealed record LedgerClaim(string PartitionKey, string RowKey, ETag ETag, Guid OperationId, int Attempt)
{
    /// <summary>An earlier attempt may have reached the e-mail service.</summary>
    public bool MayHaveBeenSent => Attempt > 1;
}

/// <summary>
/// Exactly-once bookkeeping of reminders. Keys hold a hash of the address, never the address. Claims are conditional,
/// so overlapping passes, restarts and scaled-out instances send each mail at most once.
/// </summary>
public sealed class ReminderLedger(StorageTables tables, IOptions<ReminderOptions> options)
{
    private readonly TableClient _table = tables.Get(TableNames.ReminderLedger);
    private volatile bool _tableReady;

    public static (string PartitionKey, string RowKey) KeyOf(ReminderMail mail) =>
        ($"{mail.Slot.Deadline.Id}-{mail.Slot.Deadline.Year}", $"{mail.Slot.OffsetKey}-{AudienceKey(mail.Audience)}-{RecipientHash(mail.To)}");

    /// <summary>Lower-case hex SHA-256 of the trimmed, lower-cased address (first 32 characters).</summary>
    public static string RecipientHash(string address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())))[..32];

    /// <summary>A GUID derived from the ledger key (name-based, RFC 9562 version 8), so every attempt uses the same Operation-Id.</summary>
    public static Guid OperationIdOf(string partitionKey, string rowKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("pointake-reminder|" + partitionKey + "|" + rowKey));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public async Task<ReminderLedgerEntity?> FindAsync(ReminderMail mail, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var (partitionKey, rowKey) = KeyOf(mail);
        var response = await _table.GetEntityIfExistsAsync<ReminderLedgerEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Claims the mail for this pass, or returns null when it is sent, refused, or being sent by another pass.</summary>
    public async Task<LedgerClaim?> TryClaimAsync(ReminderMail mail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var (partitionKey, rowKey) = KeyOf(mail);
        var operationId = OperationIdOf(partitionKey, rowKey);
        var lease = now + options.Value.ClaimLease;
        var fresh = new ReminderLedgerEntity
        {
            PartitionKey = partitionKey,
            RowKey = rowKey,
            Status = nameof(LedgerStatus.Sending),
            Attempts = 1,
            ClaimedUntil = lease,
            OperationId = operationId.ToString("D"),
            Expires = mail.Slot.Expires,
        };
        try
        {
            var added = await _table.AddEntityAsync(fresh, cancellationToken);
            return new LedgerClaim(partitionKey, rowKey, added.Headers.ETag ?? default, operationId, 1);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Someone recorded it before: look at what they left.
        }

        var existing = await _table.GetEntityIfExistsAsync<ReminderLedgerEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value is not { } entity)
        {
            return null;
        }

        var takeOver = entity.Status == nameof(LedgerStatus.Pending) ||
                       (entity.Status == nameof(LedgerStatus.Sending) && entity.ClaimedUntil <= now);
        if (!takeOver)
        {
            return null;
        }

        entity.Status = nameof(LedgerStatus.Sending);
        entity.Attempts += 1;
        entity.ClaimedUntil = lease;
        try
        {
            var updated = await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return new LedgerClaim(partitionKey, rowKey, updated.Headers.ETag ?? default, operationId, entity.Attempts);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            return null;
        }
    }

    /// <summary>Records the outcome of a claimed send; false when the claim was lost meanwhile (its lease ran out and another pass took it).</summary>
    public async Task<bool> RecordAsync(LedgerClaim claim, EmailSendResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = (await _table.GetEntityAsync<ReminderLedgerEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken)).Value;
        if (entity.ETag != claim.ETag)
        {
            return false;
        }

        entity.Status = result.Status switch
        {
            EmailSendStatus.Sent => nameof(LedgerStatus.Sent),
            EmailSendStatus.PermanentFailure => nameof(LedgerStatus.Rejected),
            _ => nameof(LedgerStatus.Pending),
        };
        entity.LastError = result.ErrorCode;
        entity.ClaimedUntil = null;
        entity.SentAt = result.Status == EmailSendStatus.Sent ? now : entity.SentAt;
        try
        {
            await _table.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableReady)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _tableReady = true;
        }
    }

    private static string AudienceKey(ReminderAudience audience) => audience switch
    {
        ReminderAudience.ReportContact => "contact",
        ReminderAudience.CountyBoardSummary => "county",
        ReminderAudience.MunicipalityContact => "municipality",
        ReminderAudience.CountyBoardDuty => "countyduty",
        _ => "status",
    };
}
