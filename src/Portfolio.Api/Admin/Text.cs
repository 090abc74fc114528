namespace Portfolio.Api.Admin;

// The console's words: Text.resx (English) and Text.fa.resx (Persian).
internal sealed class Text;
