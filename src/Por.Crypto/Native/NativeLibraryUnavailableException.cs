// SPDX-License-Identifier: Apache-2.0

namespace Por.Crypto.Native;

/// <summary>A required system library (libsecp256k1 or libsodium) could not be loaded: an environment error.</summary>
public sealed class NativeLibraryUnavailableException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public NativeLibraryUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is missing and how to install it.</param>
    public NativeLibraryUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the loader's error.</summary>
    /// <param name="message">What is missing and how to install it.</param>
    /// <param name="innerException">The loader's error.</param>
    public NativeLibraryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
