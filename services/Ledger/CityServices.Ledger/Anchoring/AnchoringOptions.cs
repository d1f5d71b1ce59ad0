using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CityServices.Ledger.Anchoring;

/// <summary>When the ledger fixes checkpoints and how it anchors them (section <c>Ledger</c>).</summary>
public sealed class AnchoringOptions : IValidatableObject
{
    public const string Section = "Ledger";

    /// <summary>How often a checkpoint is fixed when the log has grown: one chain transaction each.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Blocks an anchor's block must have on top of it, itself included, before the anchor is
    /// published; a reorganisation shallower than this is detected and the anchor re-sent.
    /// </summary>
    [Range(1, 1000)]
    public int Confirmations { get; set; } = 12;

    /// <summary>
    /// Whether this replica competes for the single anchoring writer. Proof readers may opt out,
    /// and then need no chain settings and no key.
    /// </summary>
    public bool RunAnchoring { get; set; } = true;

    [Required]
    [ValidateObjectMembers]
    public ChainOptions Chain { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!RunAnchoring)
        {
            yield break;
        }

        if (Chain.RpcUrl is null)
        {
            yield return new ValidationResult("is required to anchor (Chain:RpcUrl is taken when it is not set).", ["Chain:RpcUrl"]);
        }

        if (Chain.ChainId == 0)
        {
            yield return new ValidationResult("is required to anchor (Chain:ChainId is taken when it is not set).", ["Chain:ChainId"]);
        }

        if (string.IsNullOrEmpty(Chain.PrivateKey))
        {
            yield return new ValidationResult("is required to anchor: the ledger account's key, from a secret.", ["Chain:PrivateKey"]);
        }
    }
}
