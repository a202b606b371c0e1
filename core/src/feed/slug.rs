//! Topic ids made from labels, for URLs such as `#topics=gene-therapy`.

use crate::case_fold::lower_case;

/// Lower-cases `label` and joins its words with `-`. Letters of any script
/// are kept, so non-Latin topics get readable ids too.
pub fn slugify(label: &str) -> String {
    let mut slug = String::with_capacity(label.len());
    for c in label.chars().map(lower_case) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn makes_readable_ids() {
        assert_eq!(slugify("Gene therapy"), "gene-therapy");
        assert_eq!(slugify("Policy & Regulation"), "policy-regulation");
        assert_eq!(slugify("  M&A!  "), "m-a");
        assert_eq!(slugify("基因 治疗"), "基因-治疗");
        assert_eq!(slugify("!!!"), "");
    }
}
