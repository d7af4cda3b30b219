using System.ComponentModel.DataAnnotations;

namespace KVaccine.Modules.Hospital;

internal sealed class HospitalOptions
{
    public const string Section = "Hospital";

    /// <summary>
    /// The vaccine types the hospital gives, each on the service's <c>VaccineTypes</c> list; all of them when the
    /// setting is left out. Read as a list (see <c>SettingList</c>), not bound.
    /// </summary>
    public IReadOnlyList<string> VaccineTypes { get; internal set; } = [];

    /// <summary>How long <c>POST /hospital/inject</c> waits for User to record the injection before answering 202.</summary>
    [Range(0, 30_000)]
    public int ConfirmWaitMs { get; set; } = 2000;
}
