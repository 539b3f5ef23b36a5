//! The whole function body: the two enums, the step closure with its arms, and the stand-in
//! body of a coroutine whose expansion failed.

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Group, TokenStream};
use quote::{quote, quote_spanned};

use super::Emitter;
use crate::ir::{BindingId, BlockId, BlockKind, SuspendKind};
use crate::layout::Unwind;
use crate::names;
use crate::parse::{Shape, Signature};

impl Emitter<'_> {
    // Before:   SuspendN { locals } => { take the sent value; __coro_block = ResumeN { .. } }
    //           and, in the loop, ResumeN { locals, sent } => { code }
    // After:    SuspendN { locals } => { take the sent value; code }
    /// The arm of a resumed block written in the `match` on the state.
    pub(super) fn direct_arm(&mut self, b: BlockId, k: usize) -> TokenStream {
        let state = names::state_enum();
        let block = self.body.block(b);
        let entry_env = block.entry_env.clone();
        let suspend = self.layout.suspends[&k].ident.clone();
        let fields = self.layout.suspends[&k].fields.clone();
        let (pat, arm) = self.unpack(&quote!(#state::#suspend), &fields, None, &entry_env);
        // The arm itself uses the sent value: it may mutate it.
        let sent = block.param.map(|p| self.binding_pat(p));
        let take = self.take_sent(self.body.suspends[k].kind, sent.as_ref());
        let mut restored: BTreeSet<BindingId> = fields.iter().copied().collect();
        restored.extend(block.param);
        let decls = self.uninit_decls(b, &restored);
        let code: TokenStream = [take, decls, self.block_code(b, &arm)].into_iter().collect();
        let code = Group::new(Delimiter::Brace, code);
        quote!(#pat => #code)
    }

    pub fn emit(&mut self) -> TokenStream {
        let state = names::state_enum();
        let block_enum = names::block_enum();
        let input = names::input();
        let state_var = names::state_var();
        let next = names::next_block();

        // The two enums, as the layout says.
        let layout = self.layout;
        let entry = self.body.block(BlockId(0));
        let unresumed = &layout.unresumed;
        let state_variants: Vec<TokenStream> = std::iter::once(unresumed)
            .chain(layout.suspends.values())
            .map(|v| self.variant_def(v, &layout.state_types))
            .collect();
        let suspend_idents: Vec<syn::Ident> =
            layout.suspends.values().map(|v| v.ident.clone()).collect();
        let block_variants: Vec<TokenStream> =
            layout.blocks.values().map(|v| self.variant_def(v, &layout.block_types)).collect();

        // The arms that start a resume: run the entry, or take the sent value.
        let mut first_arms = Vec::new();
        let entry_env = entry.entry_env.clone();
        let (pat, arm) =
            self.unpack(&quote!(#state::Unresumed), &unresumed.fields, None, &entry_env);
        let restored: BTreeSet<BindingId> = unresumed.fields.iter().copied().collect();
        let decls = self.uninit_decls(BlockId(0), &restored);
        let code = self.block_code(BlockId(0), &arm);
        first_arms.push(quote!(#pat => { let _ = #input; #decls #code }));
        let mut loop_arms = Vec::new();
        for &b in &self.analysis.order.clone() {
            let block = self.body.block(b);
            if let BlockKind::Resume(k) = block.kind
                && self.layout.direct.contains(&b)
            {
                first_arms.push(self.direct_arm(b, k));
                continue;
            }
            let Some(variant) = self.layout.blocks.get(&b) else { continue };
            let (ident, fields, param) =
                (variant.ident.clone(), variant.fields.clone(), variant.param);
            let entry_env = block.entry_env.clone();
            if let BlockKind::Resume(k) = block.kind {
                let suspend = self.layout.suspends[&k].ident.clone();
                let suspend_fields = self.layout.suspends[&k].fields.clone();
                let (pat, arm) =
                    self.unpack(&quote!(#state::#suspend), &suspend_fields, None, &entry_env);
                let sent = param.map(|p| self.body.binding(p).ident.clone());
                let value = names::value();
                let other = names::other();
                let sent_tokens = sent.as_ref().map(|s| quote!(#s));
                let packed =
                    self.pack(&quote!(#block_enum::#ident), &fields, param.zip(sent_tokens), &arm);
                let body = match self.body.suspends[k].kind {
                    kind @ (SuspendKind::Plain | SuspendKind::Catch) => {
                        // Moved on into the block: the loop's arm binds it `mut` if need be.
                        let sent = sent.as_ref().map(|s| quote!(#s));
                        let take = self.take_sent(kind, sent.as_ref());
                        quote!(#take #next = #packed;)
                    }
                    SuspendKind::Delegate(sub) => {
                        let sub = &self.body.binding(sub).ident;
                        let again =
                            self.pack(&quote!(#state::#suspend), &suspend_fields, None, &arm);
                        let span = self.body.suspends[k].span;
                        let forward = quote_spanned! {span=>
                            ::coro::__private::Delegate::forward(&mut #sub, #input)
                        };
                        quote! {
                            match #forward {
                                ::coro::__private::Forward::Yielded(#value) => {
                                    *#state_var = #again;
                                    return ::coro::__private::Step::Yield(#value);
                                }
                                ::coro::__private::Forward::Complete(#value) => {
                                    let #sent = #value;
                                    #next = #packed;
                                }
                                ::coro::__private::Forward::Raise(#other) => {
                                    return ::coro::__private::Step::Unwind(#other);
                                }
                            }
                        }
                    }
                };
                first_arms.push(quote!(#pat => { #body }));
            }
            let (pat, arm) = self.unpack(&quote!(#block_enum::#ident), &fields, param, &entry_env);
            let mut restored: BTreeSet<BindingId> = fields.iter().copied().collect();
            restored.extend(param);
            let decls = self.uninit_decls(b, &restored);
            self.in_loop = true;
            let code = self.block_code(b, &arm);
            self.in_loop = false;
            loop_arms.push(quote!(#pat => { #decls #code }));
        }
        let reserved =
            quote!(#state::Returned | #state::Poisoned => ::coro::__private::unreachable_state(),);

        let infer_state: Vec<TokenStream> =
            layout.state_types.params.iter().map(|_| quote!(_)).collect();
        let (state_generics, block_generics) =
            (&layout.state_types.params, &layout.block_types.params);
        let (send, yield_ty, return_ty, error_ty) =
            (&self.sig.send, &self.sig.yield_ty, &self.sig.return_ty, &self.sig.error_ty);
        let step_body = if layout.blocks.is_empty() {
            quote! {
                match ::coro::__private::take(#state_var) {
                    #(#first_arms)*
                    #reserved
                }
            }
        } else {
            let infer_block = block_generics.iter().map(|_| quote!(_));
            let start = self.start_label_used.then(|| {
                let label = names::start_label();
                quote!(#label:)
            });
            let looping = self.loop_label_used.then(|| {
                let label = names::loop_label();
                quote!(#label:)
            });
            quote! {
                let mut #next: #block_enum<#(#infer_block),*>;
                #start {
                    match ::coro::__private::take(#state_var) {
                        #(#first_arms)*
                        #reserved
                    }
                }
                #looping loop {
                    match #next {
                        #(#loop_arms)*
                    }
                }
            }
        };

        let lints = crate::lints::enum_allows();
        let block_def = (!layout.blocks.is_empty()).then(|| {
            quote! {
                #lints
                enum #block_enum<#(#block_generics),*> {
                    #(#block_variants),*
                }
            }
        });
        // The arguments move into `Unresumed`; the receiver is `self` out here.
        let inits = unresumed.fields.iter().map(|&id| {
            let field = self.field_name(id);
            let binding = self.body.binding(id);
            if binding.name() == names::SELF {
                let this = syn::Ident::new("self", binding.ident.span());
                quote!(#field: #this)
            } else if field == binding.ident {
                quote!(#field)
            } else {
                let ident = &binding.ident;
                quote!(#field: #ident)
            }
        });
        let unresumed_init = quote!(#state::Unresumed { #(#inits),* });
        let throw = &self.sig.throw;
        let unwind = (self.layout.unwind == Unwind::UpFront).then(|| {
            quote! {
                if ::coro::__private::interrupts(&#input) {
                    return ::coro::__private::Step::Unwind(#input);
                }
            }
        });
        let machine = quote! {
            ::coro::__private::Machine::new(
                #unresumed_init,
                // Not `move`: the body reads nothing from outside the state, and a capture would be
                // a bug that should not compile.
                |#state_var: &mut #state<#(#infer_state),*>, #input: ::coro::__private::Input<#send, #error_ty>|
                    -> ::coro::__private::Step<#yield_ty, #return_ty, #send, #error_ty>
                {
                    #unwind
                    #step_body
                },
                #throw,
            )
        };
        let machine = boxed(self.sig.shape, machine);
        let state_impl = state_enum_impl(state_generics, &suspend_idents);
        let items = &self.body.items;
        quote! {
            #(#items)*
            #lints
            enum #state<#(#state_generics),*> {
                #(#state_variants,)*
                Returned,
                Poisoned,
            }
            #state_impl
            #block_def
            #machine
        }
    }
}

pub(super) fn boxed(shape: Shape, machine: TokenStream) -> TokenStream {
    match shape {
        Shape::Opaque => machine,
        Shape::PinBox => quote!(::coro::__private::Box::pin(#machine)),
        Shape::Box => quote!(::coro::__private::Box::new(#machine)),
    }
}

/// `impl StateEnum for __CoroState`: how `Machine` tells the stage of a state.
pub(super) fn state_enum_impl(generics: &[syn::Ident], suspends: &[syn::Ident]) -> TokenStream {
    let state = names::state_enum();
    // Every other variant is a suspension point (one arm, not one per point: long bodies).
    let suspended =
        (!suspends.is_empty()).then(|| quote!(_ => ::coro::__private::Status::Suspended,));
    quote! {
        impl<#(#generics),*> ::coro::__private::StateEnum for #state<#(#generics),*> {
            fn returned() -> Self {
                #state::Returned
            }
            fn poisoned() -> Self {
                #state::Poisoned
            }
            fn status(&self) -> ::coro::__private::Status {
                match self {
                    #state::Unresumed { .. } => ::coro::__private::Status::Created,
                    #state::Returned | #state::Poisoned => ::coro::__private::Status::Completed,
                    #suspended
                }
            }
            fn is_poisoned(&self) -> bool {
                match self {
                    #state::Poisoned => true,
                    _ => false,
                }
            }
        }
    }
}

/// The body of a coroutine whose expansion failed: a machine with the signature's types that
/// panics if it is ever resumed, so that callers type-check and only the real error shows.
pub fn stub(sig: &Signature) -> TokenStream {
    let state = names::state_enum();
    let (send, yield_ty, return_ty, error_ty, throw) =
        (&sig.send, &sig.yield_ty, &sig.return_ty, &sig.error_ty, &sig.throw);
    let params = sig.params.iter().map(|p| &p.ident);
    let lints = crate::lints::enum_allows();
    let state_impl = state_enum_impl(&[], &[]);
    let machine = quote! {
        ::coro::__private::Machine::new(
            #state::Unresumed {},
            |_: &mut #state, _: ::coro::__private::Input<#send, #error_ty>|
                -> ::coro::__private::Step<#yield_ty, #return_ty, #send, #error_ty>
            {
                ::coro::__private::failed_to_compile()
            },
            #throw,
        )
    };
    let machine = boxed(sig.shape, machine);
    quote! {
        #lints
        enum #state {
            Unresumed {},
            Returned,
            Poisoned,
        }
        #state_impl
        let _ = (#(#params,)*);
        #machine
    }
}
