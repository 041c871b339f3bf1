// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Security.Cryptography;
using Por.Common;
using Por.Tokens.Model;
using Por.Tokens.Statements;
using Por.Tokens.Units;

namespace Por.Tokens.Reserves;

/// <summary>
/// Reads a <c>signed_statement</c> source: the por-reserve-statement/1 file at the configured path, re-read at every
/// evaluation. Checks, in order: the file reads and parses (<see cref="EvidenceFailure.Incomplete"/>); the signature
/// verifies with a pinned key (<see cref="EvidenceFailure.BadSignature"/>); token, issuer and currency are the
/// source's and the stated total equals the sum of the available assets (<see cref="EvidenceFailure.Mismatch"/>);
/// no ripcord (<see cref="EvidenceFailure.Ripcord"/>); an as-of time that is not after the evaluation
/// (<see cref="EvidenceFailure.Unclocked"/>); not past valid-until nor older than the source's maximum age
/// (<see cref="EvidenceFailure.Stale"/>). The available total is scaled from the statement's decimals to the token's
/// (down rounds down); the observation clock is the as-of time.
/// </summary>
/// <param name="config">The source.</param>
public sealed class SignedStatementSource(SignedStatementConfig config) : IReserveSource
{
    private readonly SignedStatementConfig _config = config ?? throw new ArgumentNullException(nameof(config));

    /// <inheritdoc/>
    public string Id => _config.Id;

    /// <inheritdoc/>
    public string Kind => _config.Kind;

    /// <inheritdoc/>
    public Task<ReserveEvidence> ReadAsync(SourceReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(_config.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(Fail(EvidenceFailure.Incomplete, $"the statement {_config.Path} cannot be read: {ex.Message}", null, string.Empty));
        }

        ReserveStatement statement;
        try
        {
            statement = ReserveStatementJson.Parse(bytes, _config.Path, requireSignature: true);
        }
        catch (InputException ex)
        {
            return Task.FromResult(Fail(EvidenceFailure.Incomplete, $"the statement is not a well-formed {ReserveStatement.FormatVersion}: {ex.Message}", null, string.Empty));
        }

        return Task.FromResult(Evaluate(statement, Convert.ToHexStringLower(SHA256.HashData(bytes)), context));
    }

    /// <summary>Checks a parsed statement against this source and an evaluation (what <see cref="ReadAsync"/> does after reading the file).</summary>
    /// <param name="statement">The statement.</param>
    /// <param name="sha256">The statement file's SHA-256 (hex), for the reference.</param>
    /// <param name="context">The evaluation.</param>
    /// <returns>The evidence.</returns>
    public ReserveEvidence Evaluate(ReserveStatement statement, string sha256, SourceReadContext context)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(context);
        var reference = $"statement sha256 {sha256} signed by {statement.Signer}";
        if (!statement.VerifySignature(_config.Signers, out var reason))
        {
            return Fail(EvidenceFailure.BadSignature, reason, null, reference);
        }

        var check = StatementCheck.Check(statement, context.TokenId, _config.Issuer, _config.Currency, _config.MaxAgeSeconds, context.EvaluatedAt);
        if (check.Failure != EvidenceFailure.None)
        {
            return Fail(check.Failure, check.Detail, statement.AsOf, reference);
        }

        var amount = BaseUnits.Scale(statement.TotalAvailableBaseUnits, statement.Decimals, context.TokenDecimals);
        return new ReserveEvidence(Id, EvidenceClass.SignedStatement, amount, statement.AsOf, reference, EvidenceFailure.None,
            $"{statement.SignerRole} {statement.Signer} states {statement.TotalAvailable} {statement.Currency} available as of {UtcTime.Format(statement.AsOf!.Value)} ({statement.Assets.Count} asset(s))");
    }

    private ReserveEvidence Fail(EvidenceFailure failure, string detail, DateTimeOffset? at, string reference) =>
        new(Id, EvidenceClass.SignedStatement, BigInteger.Zero, at, reference, failure, detail);
}
