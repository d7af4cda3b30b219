namespace KVaccine.Modules.Hospital.Pages;

/// <summary>The words of the staff's pages; <c>HospitalText.ko.resx</c> says them in Korean, the English is the key.</summary>
internal sealed class HospitalText;
