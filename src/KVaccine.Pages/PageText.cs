namespace KVaccine.Pages;

/// <summary>The words of the layout and the shared parts; <c>PageText.ko.resx</c> says them in Korean, the English is the key.</summary>
public sealed class PageText;
