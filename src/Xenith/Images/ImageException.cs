namespace Xenith.Images;

/// <summary>
/// Why the boot images could not be fetched or built, in one line that names the step and the
/// package or file involved; <c>xenith images</c> prints it and exits with status 1.
/// </summary>
internal sealed class ImageException(string message) : Exception(message);
