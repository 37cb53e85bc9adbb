namespace Xenith.Rpc;

/// <summary>libxl's error codes (libxl_types.idl): what xl prints as <c>rc=N</c>.</summary>
public static class LibxlError
{
    public const int Fail = -3;
    public const int NotImplemented = -4;
    public const int Invalid = -6;
    public const int NoParavirt = -10;
    public const int DomainNotFound = -21;
    public const int NotFound = -23;
    public const int DomainDestroyed = -24;
}
